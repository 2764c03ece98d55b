"""The test oracle: the directory search in SQL, django-filter's FilterSet and COUNT queries.

It answers exactly what the in-memory index (partners.index, the one production engine)
answers, by another road and far slower (bench/RESULTS.md); the tests hold the two to the
same results, so this is the reference whenever the index changes. Not production code.
"""

from collections import defaultdict

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Lower

from partners.filters import CONTEXT_CHOICES, GROUP_BY_PARAM, GROUPS, LOCALE_VALUES
from partners.models import Partner, SampleEngagement
from partners.selectors import (
    CARD_PARAMS,
    PAGE_SIZE,
    DirectoryResult,
    Term,
    page_choose,
    params_clean,
    result_build,
    sort_in_effect,
    taxonomy_terms,
    text_match,
)


def directory_search_sql(
    *, params, page=None, page_size=PAGE_SIZE, facets=True, card_params=CARD_PARAMS
) -> DirectoryResult:
    """directory_search with django-filter and COUNT queries (the reference implementation)."""
    terms = taxonomy_terms()
    terms_by_slug = {p: {slug: t.id for slug, t in ts.items()} for p, ts in terms.items()}
    selected, query, sort, notices = params_clean(params, terms)
    queryset = _filtered(selected, terms_by_slug, query).select_related("hq_state")

    effective_sort = sort_in_effect(sort=sort, query=query)
    if effective_sort == "relevance" and query and connection.vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config="english")
        queryset = queryset.annotate(rank=SearchRank(F("search_vector"), search)).order_by(
            "-rank", Lower("name"), "pk"
        )
    elif effective_sort == "reviewed":
        queryset = queryset.order_by(F("last_reviewed").desc(nulls_last=True), Lower("name"), "pk")
    else:
        queryset = queryset.order_by(Lower("name"), "pk")

    if page_size is None:
        partners = list(queryset)
        total, page_number, num_pages = len(partners), 1, 1
    else:
        total = queryset.count()
        page_number, num_pages = page_choose(params, page, total, page_size, notices)
        start = (page_number - 1) * page_size
        partners = list(queryset[start : start + page_size])
    card_terms = _card_terms([p.pk for p in partners], terms, list(card_params))
    counts = _facet_counts(selected, terms_by_slug, query) if facets else None
    return result_build(
        partners=partners, card_terms=card_terms, card_params=card_params, total=total,
        page_number=page_number, num_pages=num_pages, counts=counts, notices=notices,
        selected=selected, query=query, sort=sort, terms=terms,
    )  # fmt: skip


def _filtered(selected, terms_by_slug, query, *, skip: str | None = None):
    """Published partners matching every parameter except ``skip`` (for its facet counts)."""
    data = {k: v for k, v in selected.items() if k != skip}
    filterset = PartnerFilter(data, Partner.objects.published(), terms=terms_by_slug)
    queryset = filterset.qs
    if query:
        queryset = queryset.filter(text_match(query))
    return queryset


def _facet_counts(selected, terms_by_slug, query) -> dict[str, dict[int, int]]:
    """For each parameter, partners per term given the other parameters: one query.

    Taxonomy counts are keyed by term id; "context" counts by index in CONTEXT_CHOICES.
    """
    parts = []
    for n, group in enumerate(GROUPS):
        partners = _filtered(selected, terms_by_slug, query, skip=group.param).order_by()
        rows = group.through.objects.filter(partner_id__in=partners.values("pk"))
        if group.param == "state":
            # National partners count once for every state, below.
            rows = rows.filter(partner__national=False)
        parts.append(
            rows.order_by()
            .annotate(group=Value(n), term=F(group.column))
            .values("group", "term")
            .annotate(n=Count("partner_id"))
            .values_list("group", "term", "n")
        )
        if group.param == "state":
            parts.append(
                partners.filter(national=True)
                .annotate(group=Value(n), term=Value(0))
                .values("group", "term")
                .annotate(n=Count("pk"))
                .values_list("group", "term", "n")
            )
    # "Districts like": partners with a sample engagement of each locale and each size.
    partners = _filtered(selected, terms_by_slug, query, skip="context").order_by()
    engagements = SampleEngagement.objects.filter(partner_id__in=partners.values("pk")).order_by()
    for column in ("locale", "enrollment_band"):
        term = Case(
            *[
                When(**{column: value}, then=Value(n))
                for n, (value, _) in enumerate(CONTEXT_CHOICES)
            ],
            default=Value(-1),
        )
        parts.append(
            engagements.annotate(group=Value(len(GROUPS)), term=term)
            .values("group", "term")
            .annotate(n=Count("partner_id", distinct=True))
            .values_list("group", "term", "n")
        )
    params = [g.param for g in GROUPS] + ["context"]
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for group, term, n in parts[0].union(*parts[1:], all=True):
        counts[params[group]][term] = counts[params[group]].get(term, 0) + n
    national = counts["state"].pop(0, 0)
    if national:
        for term in terms_by_slug["state"].values():
            counts["state"][term] = counts["state"].get(term, 0) + national
    return counts


def _card_terms(partner_ids, terms, params) -> dict[int, dict[str, list[Term]]]:
    """The terms of each partner for the given parameters, in one query."""
    by_id = {p: {t.id: t for t in terms[p].values()} for p in params}
    parts = [
        GROUP_BY_PARAM[p]
        .through.objects.filter(partner_id__in=partner_ids)
        .order_by()
        .annotate(group=Value(n), term=F(GROUP_BY_PARAM[p].column))
        .values_list("group", "partner_id", "term")
        for n, p in enumerate(params)
    ]
    result: dict[int, dict[str, list[Term]]] = defaultdict(lambda: {p: [] for p in params})
    if partner_ids:
        for group, partner_id, term in parts[0].union(*parts[1:], all=True):
            result[partner_id][params[group]].append(by_id[params[group]][term])
    for cards in result.values():
        for values in cards.values():
            values.sort(key=lambda t: (t.position, t.name))
    return result


def term_exists(group, ids) -> Exists:
    """Partners having at least one of the terms ``ids`` of ``group``."""
    through = group.through
    return Exists(through.objects.filter(partner_id=OuterRef("pk"), **{f"{group.column}__in": ids}))


def context_exists(values) -> Exists:
    """Partners with a sample engagement in a district of one of the locales or sizes."""
    locales = [v for v in values if v in LOCALE_VALUES]
    bands = [v for v in values if v not in LOCALE_VALUES]
    return Exists(
        SampleEngagement.objects.filter(partner_id=OuterRef("pk")).filter(
            Q(locale__in=locales) | Q(enrollment_band__in=bands)
        )
    )


class PartnerFilter(django_filters.FilterSet):
    """The directory's filters; ``terms`` maps each parameter to {slug: id}."""

    context = django_filters.MultipleChoiceFilter(
        choices=CONTEXT_CHOICES, method="filter_context", label="Districts like mine"
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, terms: dict[str, dict[str, int]], **kwargs):
        self.terms = terms
        super().__init__(data, queryset, **kwargs)
        for group in GROUPS:
            choices = [(slug, slug) for slug in terms[group.param]]
            self.filters[group.param] = django_filters.MultipleChoiceFilter(
                field_name=group.param, choices=choices, method="filter_terms", label=group.label
            )
            self.filters[group.param].parent = self

    def filter_terms(self, queryset, name, values):
        if not values:
            return queryset
        group = GROUP_BY_PARAM[name]
        ids = [self.terms[name][v] for v in values]
        if name == "state":
            return queryset.filter(Q(national=True) | term_exists(group, ids))
        return queryset.filter(term_exists(group, ids))

    def filter_context(self, queryset, name, values):
        return queryset.filter(context_exists(values)) if values else queryset
