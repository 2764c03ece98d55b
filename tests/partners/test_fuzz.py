"""Hypothesis: no query string makes the directory, its export or compare answer 5xx."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import PartnerFactory

PARAMS = ["q", "phase", "content_area", "curriculum", "cost", "state", "delivery",
          "grade_band", "pl_type", "specialty", "context", "sort", "page", "p", "x",
          "stage", "audience", "budget"]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(
        [
            "launch",
            "adoption",
            "math",
            "CA",
            "zz",
            "urban",
            "-1",
            "0",
            "99999999999999999999",
            "",
            "name",
            "reviewed",
        ]
    ),
    st.text(max_size=40),
)
PAIRS = st.lists(st.tuples(st.sampled_from(PARAMS), VALUES), max_size=8)


@pytest.fixture
def partners(taxonomy):
    PartnerFactory(slug="a", phases=["launch"], content_areas=["math"], states_served=["CA"])
    PartnerFactory(slug="b", phases=["adoption"], national=True)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=PAIRS,
    path=st.sampled_from(
        ["/partners/", "/partners/export.csv", "/partners/compare/", "/diagnostic/"]
    ),
)
def test_no_query_string_gives_a_5xx(client, partners, pairs, path):
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in pairs)
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500


LINE = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
        st.sampled_from(
            [
                "Timing",
                "August -",
                "leaders",
                "---",
                "Total Cost Range",
                "<input checked/>",
                "$50,000",
            ]
        ),
    ),
    min_size=0,
    max_size=5,
).map("\t".join)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(LINE, max_size=12), header=st.booleans())
def test_importer_raises_only_its_own_error(lines, header):
    from partners.importer import ScopeSequenceError, parse_scope_sequence

    text = ("Timing\tParticipants\tName\tDescription\n" if header else "") + "\n".join(lines)
    try:
        sequence = parse_scope_sequence(text)
    except ScopeSequenceError as error:
        assert error.line >= 1 and error.message
    else:
        assert sequence.rows
        assert all(row.timing and row.name for row in sequence.rows)


KNOWN = {
    "phase": ["adoption", "launch", "ongoing-teachers", "ongoing-leaders"],
    "content_area": ["math", "ela", "science"],
    "cost": ["under-50k", "50k-100k", "100k-500k"],
    "state": ["CA", "tx", "NY", "AK"],
    "delivery": ["virtual", "hybrid"],
    "context": ["urban", "rural", "under-2500", "over-100000"],
    "q": ["coaching", "science", "reading teachers"],
    "sort": ["name", "reviewed", "relevance"],
}


@pytest.fixture
def varied(taxonomy):
    from tests.factories import SampleEngagementFactory

    specs = [
        dict(phases=["launch"], content_areas=["math"], states_served=["CA"], summary="Coaching"),
        dict(phases=["adoption", "launch"], content_areas=["ela"], national=True),
        dict(phases=["ongoing-teachers"], content_areas=["science"], cost_bands=["under-50k"],
             states_served=["TX", "NY"], summary="Science coaching for teachers"),
        dict(phases=["ongoing-leaders", "launch"], content_areas=["math", "ela"],
             delivery_formats=["hybrid"], cost_bands=["50k-100k", "100k-500k"]),
        dict(phases=[], content_areas=["ela"], summary="Reading teachers network"),
    ]  # fmt: skip
    for n, spec in enumerate(specs):
        partner = PartnerFactory(slug=f"v{n}", name=f"Varied {4 - n}", **spec)
        if n % 2:
            SampleEngagementFactory(partner=partner, locale="urban", enrollment_band="under-2500")


@pytest.mark.django_db
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(picks=st.lists(st.sampled_from([(k, v) for k, vs in KNOWN.items() for v in vs]), max_size=6))
def test_index_agrees_with_the_sql_oracle(varied, picks):
    from partners.selectors import directory_search
    from tests.partners.oracle import directory_search_sql

    params = {}
    for key, value in picks:
        params.setdefault(key, []).append(value)
    fast = directory_search(params=params)
    slow = directory_search_sql(params=params)
    assert [c.partner.pk for c in fast.partners] == [c.partner.pk for c in slow.partners]
    assert fast.total == slow.total
    assert [(f.param, [(o.value, o.count) for o in f.options]) for f in fast.facets] == [
        (f.param, [(o.value, o.count) for o in f.options]) for f in slow.facets
    ]
    assert fast.partners == [] or fast.partners[0].terms == slow.partners[0].terms
