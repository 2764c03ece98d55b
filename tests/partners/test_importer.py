"""The scope-and-sequence importer on both seed tables and on broken files."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from partners.importer import (
    ScopeSequenceError,
    context_classify,
    cost_band_slug,
    format_of,
    import_scope_sequence,
    parse_scope_sequence,
)
from partners.models import SampleEngagement
from tests.factories import PartnerFactory

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
IM = (SEEDS / "scope-sequence-engagement-im.txt").read_text(encoding="utf-8")
LEADERS = (SEEDS / "scope-sequence-leaders-math.txt").read_text(encoding="utf-8")

DESC_SUPPORT = (
    "Aligned to the goals of the action plan, build instructional leader capacity through "
    "gradual release to either 1) create the conditions necessary for strong professional "
    "learning practices or 2) strengthen professional learning practices"
)
LEADERS_ROWS = [
    ("August", "District and school leaders", "Partnership Launch (virtual)", "Virtual"),
    ("August", "District and school leaders", "Introduction to the IPG (virtual)", "Virtual"),
    ("August - September", "District and school leaders", "Walkthrough (in-person)", "In-person"),
    (
        "August - September",
        "District and school leaders",
        "School and District Action Planning (Virtual)",
        "Virtual",
    ),
    (
        "September - November",
        "District and school leaders",
        "Virtual and on-site support",
        "Hybrid",
    ),
    ("November", "District and school leaders", "Progress Monitoring", ""),
    (
        "December - February",
        "District and school leaders",
        "Virtual and on-site support (virtual and in-person)",
        "Hybrid",
    ),
    ("February", "District and school leaders", "Progress Monitoring (virtual)", "Virtual"),
    (
        "February - April",
        "District and school leaders",
        "Virtual and on-site support (virtual and in-person)",
        "Hybrid",
    ),
    ("April", "District and school leaders", "Walkthrough (virtual)", "Virtual"),
    (
        "April",
        "District and school leaders",
        "District and School Action Planning (virtual)",
        "Virtual",
    ),
    (
        "May - July",
        "District and school leaders",
        "Virtual and on-site support (virtual and in-person)",
        "Hybrid",
    ),
]


def test_engagement_im_seed_header_and_rows():
    seq = parse_scope_sequence(IM)
    assert seq.curriculum == "Illustrative Mathematics"
    assert seq.pl_type == "Systems Design and Leadership"
    assert seq.cost_band == "100k-500k"
    assert seq.cost_text == "$100,001 - $500,000"
    assert (seq.locale, seq.enrollment_band) == ("urban", "over-100000")
    assert seq.district_context.splitlines()[0].startswith("Large Urban district")
    assert "Greater than 80% students of color" in seq.district_context.splitlines()
    assert seq.goals.startswith("The goals of this partnership were to build and sustain")
    assert "Includes any travel related expenses, etc." in seq.notes
    assert [(r.timing, r.participants, r.name, r.format) for r in seq.rows] == [
        ("Monthly", "External Partners", "Coherence building In-person and virtual", "Hybrid"),
        (
            "4-6 times per year",
            "Teachers, site-leaders, district leaders",
            "Instructional Rounds",
            "",
        ),
        ("Weekly", "District math leaders", "Coaching Virtual", "Virtual"),
        ("Monthly", "Implementation Team", "In-person and virtual", "Hybrid"),
    ]
    assert seq.rows[2].description == "Strategic planning aligned to HQIM implementation and scale."


def test_leaders_seed_rows_joined_across_the_page_break():
    seq = parse_scope_sequence(LEADERS)
    assert seq.example == "Math"
    assert seq.goals.startswith("Build district and school leader capacity")
    assert [(r.timing, r.participants, r.name, r.format) for r in seq.rows] == LEADERS_ROWS
    broken = seq.rows[3]
    assert broken.description == (
        "Leveraging the data from walkthroughs and additional context brough by school and "
        "district leaders, conduct a root cause analysis on current state. Set goals and "
        "determine aligned action across both the year and for the first short cycle of "
        "improvement."
    )
    assert seq.rows[11].description == DESC_SUPPORT


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Just a title\n\nno table here\n", 3, "no table found"),
        ("Timing\tParticipants\tName\tDescription\n\n", 1, "the table has no rows"),
        ("Timing\tParticipants\tName\tDescription\nAug\tTeachers\tLaunch\n", 2, "found 3"),
        ("Timing\tParticipants\tName\tDescription\na\tb\tc\td\te\tf\n", 2, "found 6"),
        ("Timing\tParticipants\tName\tDescription\nstray text\n", 2, "before the first row"),
        ("Timing\tParticipants\tName\tDescription\n\tTeachers\tX\tY\n", 2, "no timing"),
        ("Timing\tParticipants\tName\tDescription\nAug\tTeachers\t\tY\n", 2, "no name"),
        ("Colour\tblue\nTiming\tParticipants\tName\tDescription\n", 1, "unknown header field"),
        ("Total Cost Range\tabout a lot\n", 1, "unrecognised cost range"),
        (
            'Total Cost Range\t<input checked="" type="checkbox"/> $1 <input checked="" '
            'type="checkbox"/> $2\n',
            1,
            "exactly one checked box, found 2",
        ),
        (
            'Total Cost Range\t<input type="checkbox"/> Less than $50,000\n',
            1,
            "exactly one checked box, found 0",
        ),
        ("Timing\tParticipants\tName\tDescription\n" + "x" * 201 + "\tT\tN\tD\n", 2, "timing"),
    ],
)
def test_broken_files_name_the_line(text, line, message):
    with pytest.raises(ScopeSequenceError) as error:
        parse_scope_sequence(text)
    assert error.value.line == line
    assert message in error.value.message


def test_page_numbers_and_wrapped_descriptions():
    text = (
        "Timing\tParticipants\tName of PL and format\tDescription\n"
        "---\t---\t---\t---\n"
        "June\tTeachers\tInstitute (hybrid)\tFirst part of the description\n"
        "continued on the next line.\n"
        "\f\n2\n"
        "July\tLeaders\tWalkthrough (in-person)\tObserve.\n"
    )
    rows = parse_scope_sequence(text).rows
    assert [(r.timing, r.format) for r in rows] == [("June", "Hybrid"), ("July", "In-person")]
    assert rows[0].description == "First part of the description continued on the next line."


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Less than $50,000", "under-50k"),
        ("$50,000 - $100,000", "50k-100k"),
        ("$100,001 - $500,000", "100k-500k"),
        ("$500,001 - $1,000,000", "500k-1m"),
        ("$1,000,000+", "over-1m"),
        ("nothing", ""),
    ],
)
def test_cost_band_slugs_match_the_seed_labels(label, slug):
    assert cost_band_slug(label) == slug


def test_context_and_format_helpers():
    assert context_classify("Small rural district - 1,200 students") == ("rural", "under-2500")
    assert context_classify("Suburban district of 30,000 students") == ("suburban", "10000-50000")
    assert context_classify("") == ("", "")
    assert format_of("Coaching (virtual and in-person)") == "Hybrid"
    assert format_of("Instructional Rounds") == ""


def test_import_writes_engagement_and_replaces_same_title(taxonomy):
    partner = PartnerFactory()
    engagement = import_scope_sequence(text=IM, partner=partner)
    assert engagement.curriculum.slug == "illustrative-mathematics"
    assert engagement.content_area.slug == "math"
    assert engagement.pl_type.slug == "systems-design-and-leadership"
    assert engagement.cost_band.slug == "100k-500k"
    assert engagement.items.count() == 4
    again = import_scope_sequence(text=IM, partner=partner)
    assert again.pk == engagement.pk
    assert SampleEngagement.objects.filter(partner=partner).count() == 1
    partner.refresh_from_db()
    assert "Instructional Rounds" in partner.search_document

    leaders = import_scope_sequence(text=LEADERS, partner=partner)
    assert leaders.content_area.slug == "math"
    assert leaders.items.count() == 12


def test_a_broken_file_writes_nothing(taxonomy):
    partner = PartnerFactory()
    import_scope_sequence(text=IM, partner=partner, title="Kept")
    broken = IM.replace("Weekly\tDistrict math leaders\t", "Weekly\tDistrict math leaders ")
    with pytest.raises(ScopeSequenceError):
        import_scope_sequence(text=broken, partner=partner, title="Kept")
    engagement = SampleEngagement.objects.get(partner=partner)
    assert engagement.items.count() == 4


def test_management_command(taxonomy, tmp_path):
    partner = PartnerFactory(slug="catalyst")
    out = io.StringIO()
    call_command(
        "import_scope_sequence", str(SEEDS / "scope-sequence-leaders-math.txt"),
        partner="catalyst", stdout=out,
    )  # fmt: skip
    assert "12 rows" in out.getvalue()
    assert partner.sample_engagements.get().items.count() == 12

    bad = tmp_path / "bad.txt"
    bad.write_text("Timing\tParticipants\tName\tDescription\nAug\tTeachers\tLaunch\n")
    with pytest.raises(CommandError, match="line 2"):
        call_command("import_scope_sequence", str(bad), partner="catalyst")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Timing\tParticipants\tName\tDescription\nJuillet\tÉquipe\tX\tY\n".encode("latin-1")
    )
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_scope_sequence", str(latin), partner="catalyst")
    with pytest.raises(CommandError, match="No partner"):
        call_command("import_scope_sequence", str(bad), partner="nobody")
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_scope_sequence", str(tmp_path / "missing.txt"), partner="catalyst")
