"""The directory in memory: one bitset per taxonomy term over the published partners.

Matching and facet counting become integer ANDs and popcounts. Measured against SQL at
5,000 partners (bench/RESULTS.md) the index answers in a few milliseconds where counting
every facet in PostgreSQL takes tens to hundreds, so it is the one directory engine; the
tests keep a brute-force oracle (tests/partners/oracle.py) to hold it to.

Each process (each app server) keeps one index. Database triggers (partners.triggers)
insert a DirectoryChange row on any write to the tables read here; the revision token is
the count, newest id and sum of ids of those rows (a change committed late with a smaller
id, or a prune, still changes it), read with one query per search. When it differs
from the index's:

- the change is younger than STALE_SECONDS (1 s): the search is answered from the index
  as it was while one background thread rebuilds it, so the first request after a write
  does not wait for a rebuild (a few hundred ms at 5,000 partners);
- otherwise the search waits for the rebuild: no search shows results older than the
  last committed write by more than a second.

The token is read before the data, so a write racing a rebuild leaves an index whose token
is already old: it is rebuilt again next time, never kept stale. Text search stays in the
database (full-text on PostgreSQL) and arrives here as a set of partner ids.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Max, Sum, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import format_html_join

from partners.filters import CONTEXT_CHOICES, GROUP_BY_PARAM, GROUPS
from partners.models import DirectoryChange, Partner, SampleEngagement, published_q

STALE_SECONDS = 1.0  # settings.DIRECTORY_STALE_SECONDS overrides (the tests use 0)
_lock = threading.Lock()
_current: "DirectoryIndex | None" = None
_rebuilding = threading.Event()


@dataclass
class DirectoryIndex:
    token: str
    terms: dict  # param -> slug -> Term, in display order
    ids: list[int]  # bit position -> partner id, in name order
    names: list[str]  # bit position -> partner name
    positions: dict[int, int]  # partner id -> bit position
    reviewed: list[int]  # bit positions, most recently reviewed first
    masks: dict[str, dict[int, int]]  # param -> term id -> partners having it
    context: dict[str, int]  # context value -> partners with such a sample engagement
    partner_terms: dict[str, dict[int, list[int]]]  # param -> position -> term ids
    everyone: int

    @cached_property
    def partner_options(self) -> str:
        """Every published partner as an HTML <option>, by name: built once per index (so per
        directory write), not per page; 5,000 options through the template language were
        most of the selection page's time."""
        return format_html_join(
            "", '<option value="{}">{}</option>', zip(map(str, self.ids), self.names, strict=True)
        )

    @cached_property
    def card_html(self) -> dict[tuple, str]:
        """Result cards rendered so far, by the partner fields they show
        (partners.selectors.PartnerCard.html); their terms belong to this index."""
        return {}

    def mask_of(self, ids) -> int:
        """The bitset of the given partner ids (unknown or unpublished ids are left out)."""
        return _mask([self.positions[pk] for pk in ids if pk in self.positions])

    def group_mask(self, param: str, values: list[str]) -> int:
        mask = 0
        for value in values:
            if param == "context":
                mask |= self.context.get(value, 0)
            else:
                mask |= self.masks[param].get(self.terms[param][value].id, 0)
        return mask

    def match(self, selected: dict[str, list[str]], text: int | None, *, facets: bool):
        """(matching bitset, facet counts) for the selected values and the text matches.

        Values of one parameter are OR-ed, parameters AND-ed. Each parameter's counts use
        every other parameter, so an option's count is what choosing it alone would give.
        """
        base = self.everyone if text is None else self.everyone & text
        groups = {p: self.group_mask(p, v) for p, v in selected.items() if v}
        matched = base
        for mask in groups.values():
            matched &= mask
        counts: dict[str, dict] = defaultdict(dict)
        if facets:
            for param in [g.param for g in GROUPS] + ["context"]:
                others = base
                for other, mask in groups.items():
                    if other != param:
                        others &= mask
                if param == "context":
                    for n, (value, _) in enumerate(CONTEXT_CHOICES):
                        counts[param][n] = (others & self.context.get(value, 0)).bit_count()
                else:
                    for term_id, mask in self.masks[param].items():
                        counts[param][term_id] = (others & mask).bit_count()
        return matched, counts

    def ordered(self, matched: int, sort: str) -> list[int]:
        """Partner ids of the bitset, by name or by most recently reviewed."""
        bits = bin(matched)[:1:-1]
        positions = [i for i, bit in enumerate(bits) if bit == "1"]
        if sort == "reviewed":
            wanted = set(positions)
            positions = [p for p in self.reviewed if p in wanted]
        return [self.ids[p] for p in positions]

    def card_terms(self, ids, params) -> dict[int, dict[str, list]]:
        """The Term objects of each partner for the given parameters."""
        by_id = {p: {t.id: t for t in self.terms[p].values()} for p in params}
        result = {}
        for pk in ids:
            position = self.positions.get(pk)
            result[pk] = {
                p: [by_id[p][t] for t in self.partner_terms[p].get(position, []) if t in by_id[p]]
                for p in params
            }
        return result


def directory_token() -> tuple[str, float]:
    """(the directory's revision token, seconds since its newest change; inf if none).

    The token includes today's date: the renewal rule (models.published_q) hides a lapsed
    profile as days pass, without any write.
    """
    row = DirectoryChange.objects.aggregate(
        n=Count("pk"), last=Max("pk"), total=Sum("pk"), at=Max("changed_at")
    )
    age = (timezone.now() - row["at"]).total_seconds() if row["at"] else float("inf")
    day = timezone.localdate().isoformat()
    return f"{row['n']}:{row['last'] or 0}:{row['total'] or 0}@{day}", age


def directory_index() -> DirectoryIndex:
    """This process's index: current, or at most STALE_SECONDS behind (see above)."""
    token, age = directory_token()
    index = _current
    stale = getattr(settings, "DIRECTORY_STALE_SECONDS", STALE_SECONDS)
    if index is not None and index.token != token and age < stale:
        _rebuild_soon()
        return index
    if index is None or index.token != token:
        with _lock:  # one rebuild per process, however many threads ask at once
            index = _current
            if index is None or index.token != token:
                index = _rebuild()
    return index


def _rebuild() -> DirectoryIndex:
    """Build from the current token (read first) and make it this process's index."""
    global _current
    token, _ = directory_token()
    _current = index_build(token=token)
    return _current


def _rebuild_soon() -> None:
    """Rebuild in one background thread (never two at once); its own connection."""
    if _rebuilding.is_set():
        return
    _rebuilding.set()

    def run():
        try:
            with _lock:
                if _current is None or _current.token != directory_token()[0]:
                    _rebuild()
        finally:
            _rebuilding.clear()
            connection.close()

    threading.Thread(target=run, name="directory-index", daemon=True).start()


def _mask(positions: list[int]) -> int:
    """The bitset with these bits set, built in one go (OR-ing bit by bit is quadratic)."""
    bits = bytearray((max(positions) >> 3) + 1 if positions else 0)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def index_build(*, token: str) -> DirectoryIndex:
    """Read the published directory into bitsets: four queries."""
    from partners.selectors import taxonomy_terms

    terms = taxonomy_terms()
    partners = list(
        Partner.objects.published()
        .order_by(Lower("name"), "pk")
        .values_list("pk", "national", "last_reviewed", "name")
    )
    ids = [pk for pk, *_ in partners]
    positions = {pk: n for n, pk in enumerate(ids)}
    everyone = (1 << len(ids)) - 1
    reviewed = [
        positions[pk]
        for pk, _, day, _ in sorted(
            partners, key=lambda row: (row[2] is None, -(row[2].toordinal() if row[2] else 0))
        )
    ]

    params = [g.param for g in GROUPS]
    parts = [
        GROUP_BY_PARAM[p]
        .through.objects.filter(published_q("partner__"))
        .order_by()
        .annotate(group=Value(n), term=F(GROUP_BY_PARAM[p].column))
        .values_list("group", "partner_id", "term")
        for n, p in enumerate(params)
    ]
    members: dict[str, dict[int, list[int]]] = {p: defaultdict(list) for p in params}
    partner_terms: dict[str, dict[int, list[int]]] = {p: defaultdict(list) for p in params}
    for group, pk, term in parts[0].union(*parts[1:], all=True):
        position = positions.get(pk)
        if position is not None:
            members[params[group]][term].append(position)
            partner_terms[params[group]][position].append(term)
    masks = {p: {term: _mask(ps) for term, ps in members[p].items()} for p in params}
    for param in params:
        order = {t.id: (t.position, t.name) for t in terms[param].values()}
        for term_ids in partner_terms[param].values():
            term_ids.sort(key=lambda t: order.get(t, (0, "")))
    # A national partner works in every state.
    national = _mask([positions[pk] for pk, is_national, *_ in partners if is_national])
    for term in terms["state"].values():
        masks["state"][term.id] = masks["state"].get(term.id, 0) | national

    in_context: dict[str, list[int]] = defaultdict(list)
    for pk, locale, band in SampleEngagement.objects.filter(published_q("partner__")).values_list(
        "partner_id", "locale", "enrollment_band"
    ):
        position = positions.get(pk)
        if position is not None:
            in_context[locale].append(position)
            in_context[band].append(position)
    in_context.pop("", None)
    context = {value: _mask(ps) for value, ps in in_context.items()}

    return DirectoryIndex(
        token=token,
        terms=terms,
        ids=ids,
        names=[name for *_, name in partners],
        positions=positions,
        reviewed=reviewed,
        masks=masks,
        context=context,
        partner_terms={p: dict(t) for p, t in partner_terms.items()},
        everyone=everyone,
    )
