"""Hypothesis: no query string makes the directory, its export or compare answer 5xx."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import PartnerFactory

PARAMS = ["q", "phase", "content_area", "curriculum", "cost", "state", "delivery",
          "grade_band", "pl_type", "specialty", "context", "sort", "page", "p", "x"]  # fmt: skip
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
    pairs=PAIRS, path=st.sampled_from(["/partners/", "/partners/export.csv", "/partners/compare/"])
)
def test_no_query_string_gives_a_5xx(client, partners, pairs, path):
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in pairs)
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500
