"""The directory: filter semantics (OR within, AND across), facets, search, paging, export."""

import csv
import io

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Partner
from partners.selectors import directory_search
from tests.factories import PartnerFactory, SampleEngagementFactory
from tests.partners.oracle import directory_search_sql

pytestmark = pytest.mark.django_db

URL = reverse("partners:list")


@pytest.fixture
def small(taxonomy):
    """Four published partners and a draft, each with a distinct mix of terms."""
    a = PartnerFactory(
        slug="a", name="Alpha", phases=["adoption", "launch"], content_areas=["math"],
        cost_bands=["50k-100k"], delivery_formats=["virtual"], grade_bands=["k-2"],
        states_served=["CA"],
    )  # fmt: skip
    b = PartnerFactory(
        slug="b", name="Bravo", phases=["launch"], content_areas=["ela"], cost_bands=["under-50k"],
        delivery_formats=["in-person"], grade_bands=["3-5"], national=True,
    )  # fmt: skip
    PartnerFactory(
        slug="c", name="Charlie", phases=["ongoing-teachers"], content_areas=["math", "ela"],
        cost_bands=["100k-500k", "50k-100k"], delivery_formats=["hybrid"], grade_bands=["6-8"],
        states_served=["TX", "CA"],
    )  # fmt: skip
    PartnerFactory(
        slug="d", name="Delta", summary="Coaching for science teachers", phases=["adoption"],
        content_areas=["science"], curricula=["openscied"], cost_bands=["over-1m"],
        delivery_formats=["virtual", "hybrid"], grade_bands=["9-12"], states_served=["NY"],
        specialties=["students-with-disabilities"],
    )  # fmt: skip
    PartnerFactory(slug="e", name="Echo draft", status=Partner.Status.DRAFT, phases=["launch"])
    SampleEngagementFactory(partner=a, locale="urban", enrollment_band="over-100000")
    SampleEngagementFactory(partner=b, locale="rural", enrollment_band="under-2500")


def slugs(client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return {card.partner.slug for card in response.context["result"].partners}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "abcd"),
        ("phase=launch", "ab"),
        ("phase=launch&phase=adoption", "abd"),
        ("phase=adoption&content_area=math", "a"),
        ("content_area=math&content_area=ela", "abc"),
        ("cost=50k-100k", "ac"),
        ("cost=50k-100k&delivery=virtual", "a"),
        ("delivery=virtual&delivery=hybrid", "acd"),
        ("state=CA", "abc"),
        ("state=ny", "bd"),
        ("state=TX&state=NY", "bcd"),
        ("context=urban", "a"),
        ("context=rural&context=urban", "ab"),
        ("context=under-2500", "b"),
        ("context=rural&phase=adoption", ""),
        ("curriculum=openscied", "d"),
        ("specialty=students-with-disabilities", "d"),
        ("grade_band=k-2&grade_band=9-12", "ad"),
        ("phase=launch&cost=bogus", "ab"),
        ("phase=bogus", "abcd"),
        ("q=Delta", "d"),
        ("q=science+teachers", "d"),
        ("q=nothing-like-this", ""),
    ],
)
def test_filter_semantics(client, small, query, expected):
    assert slugs(client, query) == set(expected)
    sql = directory_search_sql(params=QueryDict(query))
    assert {c.partner.slug for c in sql.partners} == set(expected)


def test_unknown_values_are_ignored_with_a_notice(client, small):
    response = client.get(f"{URL}?cost=bogus&page=99999&state=ZZ&sort=sideways")
    assert response.status_code == 200
    text = response.content.decode()
    assert "“bogus” is not a known value" in text
    assert "“ZZ” is not a known value" in text
    assert "There is no page 99999" in text
    assert "Unknown sort" in text
    response = client.get(f"{URL}?page=abc")
    assert "is not a page number" in response.content.decode()


@pytest.mark.parametrize("search", [directory_search, directory_search_sql])
def test_facet_counts_ignore_their_own_parameter(small, search):
    result = search(params={"phase": ["launch"]})
    facets = {f.param: {o.value: o for o in f.options} for f in result.facets}
    assert {k: facets["phase"][k].count for k in facets["phase"]} == {
        "adoption": 2,
        "launch": 2,
        "ongoing-teachers": 1,
        "ongoing-leaders": 0,
    }
    assert facets["phase"]["launch"].selected
    assert facets["phase"]["ongoing-leaders"].disabled
    assert facets["content_area"]["math"].count == 1
    assert facets["content_area"]["ela"].count == 1
    assert facets["content_area"]["science"].disabled
    assert facets["context"]["urban"].count == 1
    assert facets["context"]["rural"].count == 1


@pytest.mark.parametrize("search", [directory_search, directory_search_sql])
def test_state_facet_counts_national_partners_everywhere(small, search):
    result = search(params={})
    facets = {f.param: {o.value: o.count for o in f.options} for f in result.facets}
    assert facets["state"]["ca"] == 3
    assert facets["state"]["ny"] == 2
    assert facets["state"]["ak"] == 1


def test_drafts_never_listed_or_counted(client, small):
    assert "e" not in slugs(client, "")
    result = directory_search(params={})
    launch = next(
        o for f in result.facets if f.param == "phase" for o in f.options if o.value == "launch"
    )
    assert launch.count == 2


def test_sorting(client, small):
    Partner.objects.filter(slug="c").update(last_reviewed="2026-10-01")
    Partner.objects.filter(slug="b").update(last_reviewed="2026-01-01")
    response = client.get(f"{URL}?sort=reviewed")
    assert [c.partner.slug for c in response.context["result"].partners] == ["c", "b", "a", "d"]
    response = client.get(f"{URL}?sort=name")
    assert [c.partner.slug for c in response.context["result"].partners] == ["a", "b", "c", "d"]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_text_search_is_stemmed_on_postgresql(small):
    assert {c.partner.slug for c in directory_search(params={"q": ["coach"]}).partners} == {"d"}
    assert {c.partner.slug for c in directory_search(params={"q": ["coached"]}).partners} == {"d"}
    assert {c.partner.slug for c in directory_search(params={"q": ["sciences"]}).partners} == {"d"}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_text_search_ranks_name_above_description(taxonomy):
    PartnerFactory(slug="one", name="Reading Partners", summary="Literacy help")
    PartnerFactory(slug="two", name="Other", summary="Helps with reading", description="")
    result = directory_search(params={"q": ["reading"]})
    assert [c.partner.slug for c in result.partners] == ["one", "two"]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_text_search_uses_the_gin_index(small):
    with connection.cursor() as cursor:
        cursor.execute(
            "select indexdef from pg_indexes where indexname = 'partner_search_vector_gin'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]


def test_hostile_search_text_is_safe(client, small):
    for q in ["'&!:(", "a" * 5000, "OR AND NOT", '"unclosed', "<script>"]:
        response = client.get(URL, {"q": q})
        assert response.status_code == 200
        assert b"<script>" not in response.content.split(b"</head>")[1].replace(b"</script>", b"")
    # A NUL byte in any parameter is refused by plpg.params' middleware, with a message.
    response = client.get(URL, {"q": "a\x00b"})
    assert response.status_code == 400 and b"NUL" in response.content


def test_same_number_of_queries_for_1_and_50_results(
    client, taxonomy, django_assert_max_num_queries
):
    def queries(params):
        client.get(URL, params)  # the first request after a change rebuilds the index
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, params)
        return response.context["result"].total, len(captured.captured_queries)

    PartnerFactory(slug="only", phases=["launch"], content_areas=["math"], states_served=["CA"])
    one = [queries({"phase": "launch"}), queries({"phase": "launch", "q": "Professional"})]
    for n in range(49):
        PartnerFactory(
            slug=f"p{n}", phases=["launch", "adoption"], content_areas=["math", "ela"],
            cost_bands=["under-50k"], delivery_formats=["virtual"], states_served=["CA", "TX"],
        )  # fmt: skip
    fifty = [queries({"phase": "launch"}), queries({"phase": "launch", "q": "Professional"})]
    assert [total for total, _ in one] == [1, 1]
    assert [total for total, _ in fifty] == [50, 50]
    assert [n for _, n in one] == [n for _, n in fifty]
    # The revision token and the page's partners; text search adds one query.
    with django_assert_max_num_queries(2):
        client.get(URL, {"phase": ["launch", "adoption"], "state": "CA", "context": "urban"})
    with django_assert_max_num_queries(3):
        client.get(URL, {"phase": "launch", "q": "coaching", "sort": "reviewed"})


def test_index_follows_every_kind_of_change(client, small):
    assert slugs(client, "phase=adoption") == {"a", "d"}
    b = Partner.objects.get(slug="b")
    b.phases.add(*b.phases.model.objects.filter(slug="adoption"))
    assert slugs(client, "phase=adoption") == {"a", "b", "d"}
    b.phases.clear()
    assert slugs(client, "phase=adoption") == {"a", "d"}
    d = Partner.objects.get(slug="d")
    d.status = Partner.Status.ARCHIVED
    d.save()
    assert slugs(client, "phase=adoption") == {"a"}
    SampleEngagementFactory(partner=Partner.objects.get(slug="c"), locale="urban")
    assert slugs(client, "context=urban") == {"a", "c"}
    Partner.objects.get(slug="a").delete()
    assert slugs(client, "context=urban") == {"c"}


def test_no_distinct_and_exists_filters(taxonomy):
    result = directory_search(params={"phase": ["launch"], "content_area": ["math"]})
    assert result.total == 0
    from partners.selectors import taxonomy_terms
    from tests.partners.oracle import _filtered

    terms = {p: {s: t.id for s, t in ts.items()} for p, ts in taxonomy_terms().items()}
    sql = str(_filtered({"phase": ["launch"], "content_area": ["math"]}, terms, "").query)
    assert "DISTINCT" not in sql.upper()
    assert "EXISTS" in sql.upper()


def test_htmx_request_gets_the_fragment(client, small):
    response = client.get(URL, {"phase": "launch"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "partners/_directory.html"
    assert b"<html" not in response.content
    assert b'id="directory"' in response.content
    assert b'id="directory-status" data-hx-swap-oob="innerHTML"' in response.content
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_a_tidy_url(client, small):
    """The address bar gets no empty q= or sort= from the form: the URL is worth sharing."""
    hx = {"HX-Request": "true"}
    response = client.get(f"{URL}?q=&sort=&phase=launch&cost=bogus", headers=hx)
    assert response["HX-Push-Url"] == f"{URL}?phase=launch"
    assert client.get(f"{URL}?q=&sort=", headers=hx)["HX-Push-Url"] == URL


def test_pagination_and_bookmarkable_links(client, taxonomy):
    for n in range(45):
        PartnerFactory(slug=f"p{n:02d}", phases=["launch"])
    response = client.get(URL, {"phase": "launch", "page": 3})
    result = response.context["result"]
    assert (result.page_number, result.num_pages, len(result.partners)) == (3, 3, 5)
    assert "phase=launch&amp;page=2" in response.content.decode()


def test_districts_like_mine_link_for_members(client, small, lead):
    lead.memberships.update()
    district = lead.memberships.get().district
    district.locale, district.enrollment_band = "rural", "under-2500"
    district.save()
    assert b"Districts like mine" not in client.get(URL).content
    client.force_login(lead)
    content = client.get(URL).content.decode()
    assert "context=rural&amp;context=under-2500" in content
    assert "Districts like mine: rural or fewer than 2,500 students" in content
    assert slugs(client, "context=rural&context=under-2500") == {"b"}


def test_public_directory_shows_no_district_data(client, small, lead):
    district = lead.memberships.get().district
    content = client.get(URL).content.decode()
    assert district.name not in content


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming  # rows are written as they are made, not held in memory
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_export_has_the_same_rows_as_the_page(client, small):
    for query in ["", "phase=launch", "state=CA&cost=bogus", "q=science", "context=urban"]:
        page = client.get(f"{URL}?{query}").context["result"]
        rows = read_csv(client.get(f"{reverse('partners:export')}?{query}"))
        assert [r["slug"] for r in rows] == [c.partner.slug for c in page.partners], query
    row = read_csv(client.get(reverse("partners:export"), {"content_area": "science"}))[0]
    assert row["slug"] == "d"
    assert row["phases"] == "adoption"
    assert row["states"] == "NY"
    assert row["specialties"] == "students-with-disabilities"
    assert row["profile_url"].endswith("/partners/d/")


def test_export_neutralises_formulas(client, taxonomy):
    PartnerFactory(slug="f", name="=HYPERLINK(1)", summary="+1")
    row = read_csv(client.get(reverse("partners:export")))[0]
    assert row["name"] == "'=HYPERLINK(1)"
    assert row["summary"] == "'+1"


def test_done_when_with_demo_data(client, demo):
    expected = set(
        Partner.objects.published()
        .filter(phases__slug="adoption")
        .filter(content_areas__slug="math")
        .values_list("slug", flat=True)
    )
    assert len(expected) >= 3
    rows = read_csv(client.get(f"{reverse('partners:export')}?phase=adoption&content_area=math"))
    assert {r["slug"] for r in rows} == expected
    assert len(rows) == len(expected)
    page = client.get(f"{URL}?phase=adoption&content_area=math")
    assert page.context["result"].total == len(expected)
    assert f"<strong>{len(expected)}</strong> partners" in page.content.decode()

    response = client.get(f"{URL}?cost=bogus&page=99999&state=ZZ")
    assert response.status_code == 200
    assert "not a known value" in response.content.decode()


@pytest.mark.parametrize("url", ["/partners/", "/partners/export.csv"])
def test_queries_do_not_grow_with_rows(client, taxonomy, url):
    """The directory page and the CSV export run as many queries for 1 partner as for 50."""

    def queries() -> int:
        client.get(url)  # the index is rebuilt after the writes; count a steady request
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(captured.captured_queries)

    PartnerFactory(slug="only", phases=["launch"], states_served=["CA"])
    one = queries()
    for n in range(49):
        PartnerFactory(slug=f"p{n}", phases=["launch", "adoption"], states_served=["CA", "NY"])
    assert queries() == one
