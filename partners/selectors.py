"""Reads of the directory. ``directory_search`` is the one place that matches partners and
counts facets: pages, the CSV export, the diagnostic and the benchmark all go through it, so
the way it counts (in-memory bitsets, partners.index) can change without touching views or
templates."""

import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, F, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.template.loader import render_to_string

from partners.filters import CONTEXT_CHOICES, GROUP_BY_PARAM, GROUPS
from partners.models import Partner
from partners.taxonomy import TAXONOMIES

PAGE_SIZE = 20
MAX_VALUES = 60  # per parameter; more is not a search a person makes
MAX_QUERY_LENGTH = 200
SORTS = {"relevance": "Best match", "name": "Name (A–Z)", "reviewed": "Most recently reviewed"}
TERM_MODELS = {t.param: t.model for t in TAXONOMIES}
# Phase aliases worth showing beside the name (DESIGN.md: "Launch, also called Initial
# Implementation").
HINTS = {("phase", "launch"): "Initial Implementation"}
CARD_PARAMS = ["phase", "content_area", "cost", "delivery", "state"]
ALL_PARAMS = [g.param for g in GROUPS]


@dataclass
class Term:
    id: int
    slug: str
    name: str
    position: int


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    hint: str = ""

    @property
    def disabled(self) -> bool:
        return self.count == 0 and not self.selected


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(o.selected for o in self.options)


@dataclass
class PartnerCard:
    """A partner with the terms a result card or a CSV row shows, by parameter."""

    partner: Partner
    terms: dict[str, list[Term]]
    rendered: dict | None = None  # the index's cache of card HTML (DirectoryIndex.card_html)

    def __getattr__(self, name):
        return getattr(self.partner, name)

    @property
    def html(self) -> str:
        """The result card (partners/_partner_card.html), rendered once per directory index
        and version of the partner's card fields: the terms it lists belong to the index (a
        write to them builds a new index, with an empty cache), the rest is in the key.
        A third of the directory page's time was rendering its cards."""
        if self.rendered is None:
            return render_to_string(CARD_TEMPLATE, {"card": self})
        p = self.partner
        key = (*(getattr(p, name) for name in CARD_FIELDS), p.hq_state and p.hq_state.name)
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = render_to_string(CARD_TEMPLATE, {"card": self})
        return html


CARD_TEMPLATE = "partners/_partner_card.html"
# Every field of Partner the card template shows (with hq_state's name): the cache key.
CARD_FIELDS = (
    "pk",
    "slug",
    "name",
    "summary",
    "hq_state_id",
    "last_reviewed",
    "national",
    "is_demo",
)


@dataclass
class DirectoryResult:
    partners: list[PartnerCard]
    total: int
    page_number: int
    num_pages: int
    facets: list[Facet]
    notices: list[str]
    selected: dict[str, list[str]]
    query: str
    sort: str
    terms: dict[str, dict[str, Term]] = field(repr=False, default_factory=dict)
    # The spelling the results are for when the text as typed found nothing ("Did you mean").
    suggestion: str = ""

    @property
    def suggestion_querystring(self) -> str:
        return self.querystring(q=self.suggestion, page=None)

    @property
    def page_window(self) -> list[int | None]:
        """Page numbers to link: the first, the last and two either side of this one; None
        marks a gap."""
        around = range(max(1, self.page_number - 2), min(self.num_pages, self.page_number + 2) + 1)
        window: list[int | None] = []
        for n in sorted({1, self.num_pages, *around}):
            if window and n - window[-1] > 1:
                window.append(None)
            window.append(n)
        return window

    @property
    def has_previous(self) -> bool:
        return self.page_number > 1

    @property
    def has_next(self) -> bool:
        return self.page_number < self.num_pages

    @property
    def start_index(self) -> int:
        return 0 if not self.total else (self.page_number - 1) * PAGE_SIZE + 1

    @property
    def end_index(self) -> int:
        return min(self.total, self.page_number * PAGE_SIZE)

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or any(self.selected.values()))

    def querystring(self, **changes) -> str:
        """The search's query string with some parameters replaced (None drops one)."""
        params = {"q": self.query, **self.selected, "sort": self.sort if self.sort else ""}
        params.update(changes)
        pairs = []
        for key, value in params.items():
            values = value if isinstance(value, list) else [value]
            pairs += [(key, v) for v in values if v not in (None, "")]
        return urlencode(pairs)

    def without(self, param: str, value: str) -> str:
        """The query string without one selected value (an active-filter chip's link)."""
        if param == "q":
            return self.querystring(q=None, page=None)
        return self.querystring(**{param: [v for v in self.selected[param] if v != value]})

    @property
    def active_filters(self) -> list[tuple[str, str, str]]:
        """(group label, value label, link without it) for each selected value."""
        chips = []
        if self.query:
            chips.append(("Search", f"“{self.query}”", self.without("q", "")))
        for facet in self.facets:
            for option in facet.options:
                if option.selected:
                    chips.append(
                        (facet.label, option.label, self.without(facet.param, option.value))
                    )
        return chips


def sort_in_effect(*, sort: str, query: str) -> str:
    """The order results come in: the chosen sort, else best match when searching, else name."""
    return sort or ("relevance" if query else "name")


def taxonomy_terms() -> dict[str, dict[str, Term]]:
    """Every taxonomy term by parameter and slug, in display order, in one query."""
    parts = [
        model.objects.order_by()
        .annotate(group=Value(n))
        .values_list("group", "id", "slug", "name", "position")
        for n, model in enumerate(TERM_MODELS.values())
    ]
    params = list(TERM_MODELS)
    rows = sorted(parts[0].union(*parts[1:], all=True), key=lambda r: (r[0], r[4], r[3]))
    terms: dict[str, dict[str, Term]] = {p: {} for p in params}
    for group, pk, slug, name, position in rows:
        terms[params[group]][slug] = Term(pk, slug, name, position)
    return terms


def _values(params, name) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name, [])
        values = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in values if str(v).strip()]


def params_clean(params, terms) -> tuple[dict[str, list[str]], str, str, list[str]]:
    """The known values of each parameter, the query, the sort, and notices for the rest."""
    notices = []
    selected: dict[str, list[str]] = {}
    context_values = {value for value, _ in CONTEXT_CHOICES}
    for param in [*ALL_PARAMS, "context"]:
        known = terms.get(param, context_values)
        raw = _values(params, param)
        if len(raw) > MAX_VALUES:
            notices.append(f"Only the first {MAX_VALUES} values of “{param}” were used.")
            raw = raw[:MAX_VALUES]
        values = [v.lower() for v in raw] if param == "state" else raw
        unknown = [r for r, v in zip(raw, values, strict=True) if v not in known]
        if unknown:
            label = GROUP_BY_PARAM[param].label if param in GROUP_BY_PARAM else "Districts like"
            shown = ", ".join(f"“{v[:40]}”" for v in unknown[:5])
            notices.append(
                f"{label}: {shown} {'is' if len(unknown) == 1 else 'are'} not a known value "
                "and was ignored."
            )
        selected[param] = list(dict.fromkeys(v for v in values if v in known))
    query = " ".join(_values(params, "q"))
    query = re.sub(r"[\x00-\x1f]", " ", query).strip()
    if len(query) > MAX_QUERY_LENGTH:
        notices.append(f"The search text was shortened to {MAX_QUERY_LENGTH} characters.")
        query = query[:MAX_QUERY_LENGTH]
    sort = (_values(params, "sort") or [""])[0]
    if sort and sort not in SORTS:
        notices.append(f"Unknown sort “{sort[:40]}”: sorted by best match.")
        sort = ""
    return selected, query, sort, notices


def text_match(query: str) -> Q:
    """Partners whose text matches query: full-text (stemmed) on PostgreSQL, else words."""
    if connection.vendor == "postgresql":
        return Q(search_vector=SearchQuery(query, search_type="websearch", config="english")) | Q(
            name__icontains=query
        )
    condition = Q()
    for word in query.split()[:10]:
        condition &= (
            Q(name__icontains=word)
            | Q(summary__icontains=word)
            | Q(search_document__icontains=word)
        )
    return condition


def page_choose(params, page, total, page_size, notices) -> tuple[int, int]:
    """(page number, number of pages), with a notice for a page that isn't there."""
    num_pages = max(1, -(-total // page_size))
    raw = (_values(params, "page") or ["1"])[0] if page is None else str(page)
    try:
        page_number = int(raw)
    except ValueError:
        notices.append(f"“{raw[:20]}” is not a page number: showing the first page.")
        return 1, num_pages
    if page_number < 1 or page_number > num_pages:
        if total:
            notices.append(
                f"There is no page {page_number}; showing page "
                f"{1 if page_number < 1 else num_pages} of {num_pages}."
            )
        page_number = 1 if page_number < 1 else num_pages
    return page_number, num_pages


def _text_ranked_ids(query: str, *, by_rank: bool) -> list[int]:
    """Ids of published partners matching the search text, best match first if by_rank."""
    queryset = Partner.objects.published().filter(text_match(query))
    if by_rank and connection.vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config="english")
        queryset = queryset.annotate(rank=SearchRank(F("search_vector"), search)).order_by(
            "-rank", Lower("name"), "pk"
        )
    return list(queryset.values_list("pk", flat=True))


WORD = re.compile(r"[^\W\d_]{3,}")  # words of three letters or more (no digits)
CANDIDATE_TEXTS = 25  # partners' texts a correction is picked from
MIN_SIMILARITY = 0.45  # pg_trgm similarity a correction needs (ilustrative→illustrative 0.71)


def _trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word (two spaces before, one after)."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity() of two words, computed here to pick a word out of a text."""
    x, y = _trigrams(a), _trigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _spelling_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b).ratio()


def _candidate_texts(word: str) -> list[str]:
    """Texts of published partners holding a word like ``word``.

    PostgreSQL: pg_trgm's word similarity (``<%``, served by the trigram indexes of
    migration 0007), a few partners' texts (ranking every match would cost more than the
    search). SQLite (make run): every published partner's text (a demo's few).
    """
    partners = Partner.objects.published()
    if connection.vendor == "postgresql":
        near = RawSQL(
            "(%s <%% partners_partner.name OR %s <%% partners_partner.search_document)",
            (word, word),
            output_field=BooleanField(),
        )
        partners = partners.filter(near).order_by()[:CANDIDATE_TEXTS]
    return [" ".join(row) for row in partners.values_list("name", "summary", "search_document")]


def spelling_suggestion(query: str) -> str:
    """The query with each word that matches nothing replaced by the most alike word of a
    published partner's text ("ilustrative" → "illustrative"); "" when nothing is better.
    Called only when the whole query found nothing, so a one-word query is not re-checked.
    """
    words = list(dict.fromkeys(WORD.findall(query)[:6]))
    changed = False
    corrected = query
    for word in words:
        if len(words) > 1 and _text_ranked_ids(word, by_rank=False):
            continue  # this word is found as it is
        candidates = {w.lower() for text in _candidate_texts(word) for w in WORD.findall(text)}
        # Alike by trigrams (as pg_trgm found them), then the closest spelling first:
        # "coachng" is nearer "coaching" than "coach".
        alike = [c for c in candidates if similarity(word, c) >= MIN_SIMILARITY]
        best = max(alike, key=lambda c: (_spelling_ratio(word, c), c), default="")
        if best and best != word.lower():
            corrected = re.sub(rf"\b{re.escape(word)}\b", best, corrected)
            changed = True
    return corrected if changed else ""


def text_search(query: str, *, by_rank: bool) -> tuple[list[int], str]:
    """(ids of matching published partners, best first if by_rank; the suggestion used).

    Full-text search first; only when it finds nothing, the typo-forgiving fallback: the
    spelling suggestion's matches, still ranked, with the suggestion to show as
    "Did you mean …?".
    """
    ids = _text_ranked_ids(query, by_rank=by_rank)
    if ids:
        return ids, ""
    suggestion = spelling_suggestion(query)
    if not suggestion:
        return [], ""
    return _text_ranked_ids(suggestion, by_rank=by_rank), suggestion


def directory_search(
    *, params, page=None, page_size: int | None = PAGE_SIZE, facets: bool = True,
    card_params=CARD_PARAMS,
) -> DirectoryResult:  # fmt: skip
    """Match published partners to the directory parameters; one page (or all) and facets.

    ``params`` is a QueryDict or dict of lists (DESIGN.md parameters). Unknown values,
    pages and sorts are ignored with a notice. ``page_size=None`` returns every match.
    Matching and counting happen in memory (partners.index); text search, with its
    typo-forgiving fallback, in the database (text_search).
    """
    from partners.index import directory_index

    index = directory_index()
    terms = index.terms
    selected, query, sort, notices = params_clean(params, terms)
    effective_sort = sort_in_effect(sort=sort, query=query)
    text, ranked, suggestion = None, None, ""
    if query:
        ranked, suggestion = text_search(query, by_rank=effective_sort == "relevance")
        text = index.mask_of(ranked)
    matched, counts = index.match(selected, text, facets=facets)
    if ranked is not None and effective_sort == "relevance" and connection.vendor == "postgresql":
        keep = set(index.ordered(matched, "name"))
        ordered = [pk for pk in ranked if pk in keep]
    else:
        ordered = index.ordered(matched, "reviewed" if effective_sort == "reviewed" else "name")
    total = len(ordered)
    if page_size is None:
        page_ids, page_number, num_pages = ordered, 1, 1
    else:
        page_number, num_pages = page_choose(params, page, total, page_size, notices)
        start = (page_number - 1) * page_size
        page_ids = ordered[start : start + page_size]
    # The long texts (description, the search document and its vector) are read by the
    # profile page, never by a card or the CSV: reading them for 5,000 rows doubled export.csv.
    found = (
        Partner.objects.select_related("hq_state")
        .defer("description", "search_document", "search_vector")
        .in_bulk(page_ids)
    )
    partners = [found[pk] for pk in page_ids if pk in found]
    card_terms = index.card_terms([p.pk for p in partners], list(card_params))
    return result_build(
        partners=partners, card_terms=card_terms, card_params=card_params, total=total,
        page_number=page_number, num_pages=num_pages, counts=counts if facets else None,
        notices=notices, selected=selected, query=query, sort=sort, terms=terms,
        suggestion=suggestion, rendered=index.card_html,
    )  # fmt: skip


def result_build(
    *, partners, card_terms, card_params, total, page_number, num_pages, counts, notices,
    selected, query, sort, terms, suggestion="", rendered=None,
) -> DirectoryResult:  # fmt: skip
    """The DirectoryResult of one page of partners and the counts, for either engine."""
    cards = [
        PartnerCard(p, card_terms.get(p.pk, {k: [] for k in card_params}), rendered)
        for p in partners
    ]
    facet_list = []
    if counts is not None:
        for group in GROUPS:
            options = [
                FacetOption(
                    value=slug,
                    label=term.name,
                    count=counts[group.param].get(term.id, 0),
                    selected=slug in selected[group.param],
                    hint=HINTS.get((group.param, slug), ""),
                )
                for slug, term in terms[group.param].items()
            ]
            facet_list.append(Facet(group.param, group.label, options))
        # "Districts like mine" reads best just before the long list of states.
        facet_list.insert(
            len(facet_list) - 1,
            Facet(
                "context",
                "Worked in districts like",
                [
                    FacetOption(
                        value, label, counts["context"].get(n, 0), value in selected["context"]
                    )
                    for n, (value, label) in enumerate(CONTEXT_CHOICES)
                ],
            ),
        )
    return DirectoryResult(
        partners=cards,
        total=total,
        page_number=page_number,
        num_pages=num_pages,
        facets=facet_list,
        notices=notices,
        selected=selected,
        query=query,
        sort=sort,
        terms=terms,
        suggestion=suggestion,
    )


def partner_profile(*, slug: str, user) -> Partner:
    """The partner of slug with everything its profile shows (404 if not visible)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Partner.objects.visible_to(user)
        .select_related("hq_state")
        .prefetch_related(
            "phases",
            "content_areas",
            "curricula",
            "pl_types",
            "delivery_formats",
            "grade_bands",
            "cost_bands",
            "specialties",
            "states_served",
            "sample_engagements__items",
            "sample_engagements__curriculum",
            "sample_engagements__content_area",
            "sample_engagements__pl_type",
            "sample_engagements__cost_band",
        ),
        slug=slug,
    )
