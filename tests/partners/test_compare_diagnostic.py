"""Compare page and needs diagnostic."""

import pytest
from django.urls import reverse

from partners.comparison import partners_compare, partners_for_compare
from partners.needs import needs_recommend
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(taxonomy):
    PartnerFactory(slug="a", name="Alpha", phases=["launch"], content_areas=["math"], national=True)
    PartnerFactory(
        slug="b", name="Bravo", phases=["launch", "adoption"], content_areas=["math"],
        states_served=["CA"],
    )  # fmt: skip


def test_compare_marks_differences(pair, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    partners = partners_for_compare(slugs=["a", "b"], user=AnonymousUser())
    rows = {row.label: row for row in partners_compare(partners=partners)}
    assert not rows["Content areas"].differs
    assert rows["Phases"].differs
    assert rows["Phases"].cells[1].values == [
        ("Adoption", False),
        ("Launch (Initial Implementation)", True),
    ]
    assert rows["Works in"].cells[0].values == [("National", False)]
    # Alpha works everywhere, so Bravo's California is common ground, not a difference.
    assert rows["Works in"].cells[1].values == [("CA", True)]


def test_compare_page(client, pair, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = client.get(reverse("partners:compare"), {"p": ["a", "b"]})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Alpha" in content and "Bravo" in content
    assert "<mark>Adoption</mark>" in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Choose two to four partners"),
        ({"p": ["a"]}, "Choose two to four partners"),
        ({"p": ["a", "zzz"]}, "Not found in the directory"),
        ({"p": ["a", "b", "a", "b", "c", "d", "e"]}, "Not found in the directory"),
        ({"p": ["x" * 5000, "b"]}, "Not found"),
    ],
)
def test_compare_bad_input(client, pair, params, message):
    response = client.get(reverse("partners:compare"), params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_compare_caps_at_four(client, taxonomy):
    for slug in "abcde":
        PartnerFactory(slug=slug)
    response = client.get(reverse("partners:compare"), {"p": list("abcde")})
    assert len(response.context["partners"]) == 4
    assert "up to 4 partners" in response.content.decode()


@pytest.mark.parametrize(
    ("stage", "audience", "primary"),
    [
        ("choosing", "teachers", ["adoption"]),
        ("launching", "teachers", ["launch"]),
        ("launching", "leaders", ["launch", "ongoing-leaders"]),
        ("launching", "both", ["launch"]),
        ("supporting", "teachers", ["ongoing-teachers"]),
        ("supporting", "leaders", ["ongoing-leaders"]),
        ("supporting", "both", ["ongoing-teachers", "ongoing-leaders"]),
    ],
)
def test_needs_recommend(stage, audience, primary):
    recs = needs_recommend(stage=stage, audience=audience)
    assert [r.phase for r in recs if r.primary] == primary
    assert all(r.reason for r in recs)


def test_diagnostic_opens_the_directory_prefiltered(client, taxonomy):
    PartnerFactory(
        slug="m", phases=["ongoing-teachers"], content_areas=["math"], cost_bands=["under-50k"]
    )
    response = client.get(
        reverse("partners:diagnostic"),
        {
            "stage": "supporting",
            "audience": "teachers",
            "content_area": "math",
            "budget": "under-50k",
        },
    )
    assert response.status_code == 200
    url = response.context["directory_url"]
    assert url == "/partners/?phase=ongoing-teachers&content_area=math&cost=under-50k"
    assert response.context["match_count"] == 1
    assert "See 1 matching partner" in response.content.decode()
    directory = client.get(url)
    assert [c.partner.slug for c in directory.context["result"].partners] == ["m"]


def test_diagnostic_bad_input(client, taxonomy):
    assert client.get(reverse("partners:diagnostic")).status_code == 200
    response = client.get(reverse("partners:diagnostic"), {"stage": "bogus", "audience": "x"})
    assert response.status_code == 400
    response = client.get(
        reverse("partners:diagnostic"),
        {"stage": "choosing", "audience": "both", "content_area": "ela", "curriculum": "openscied"},
    )
    assert response.status_code == 400
    assert "is a Science curriculum" in response.content.decode()


def test_an_empty_diagnostic_submit_shows_field_errors(client, taxonomy):
    """The button pressed with nothing chosen sends only the empty selects: a 400 that names
    both unanswered questions (not a silent blank form)."""
    response = client.get(
        reverse("partners:diagnostic"), {"content_area": "", "curriculum": "", "budget": ""}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Please answer the questions marked below." in content
    assert "Choose where your district is with its materials." in content
    assert "Choose who needs support: teachers, leaders or both." in content
    assert "recommendations" not in response.context or not response.context["recommendations"]


def test_the_launch_alias_is_printed_once(client, taxonomy):
    response = client.get(
        reverse("partners:diagnostic"), {"stage": "launching", "audience": "teachers"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("Initial Implementation") == 1
