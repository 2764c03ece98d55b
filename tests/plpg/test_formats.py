"""One date and time format everywhere (#10 item 8): plpg.formats, its template filters, and
every template, PDF, email and message using them."""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.urls import reverse

from interviews.notifications import interview_scheduled
from plpg import formats
from tests.factories import SelectionFactory, interview_for

ROOT = Path(settings.BASE_DIR)
# What a machine reads (<time datetime>, form input values) may stay ISO 8601.
MACHINE_FORMATS = {"Y-m-d", r"Y-m-d\TH:i:sO"}  # "c" would print microseconds (invalid in <time>)
# strftime / f-string codes that print a date or time for a person.
HUMAN_CODES = re.compile(r"%-?[bBaApI]|%-d|%e")
UTC = ZoneInfo("UTC")


def test_the_four_formats():
    day = dt.date(2027, 1, 5)
    # 19:30 UTC is 2:30 PM in New York (the site's time zone in tests and production).
    moment = dt.datetime(2027, 1, 5, 19, 30, tzinfo=UTC)
    assert formats.day(day) == "Jan 5, 2027"
    assert formats.day(moment) == "Jan 5, 2027"
    assert formats.when(moment) == "Jan 5, 2027, 2:30 PM"
    assert formats.clock(moment) == "2:30 PM"
    assert formats.month(day) == "Jan 2027"
    assert formats.day(None) == formats.when("") == ""
    # Late evening in New York is already the next day in UTC: the reader's day is printed.
    assert formats.day(dt.datetime(2027, 1, 6, 2, 0, tzinfo=UTC)) == "Jan 5, 2027"


@pytest.mark.parametrize(
    ("note", "printed"),
    [
        ("I consulted for them in 2024", "“I consulted for them in 2024.”"),
        ("I consulted for them.", "“I consulted for them.”"),
        ("Is a former colleague a conflict?", "“Is a former colleague a conflict?”"),
        ("  ", ""),
    ],
)
def test_quoted_never_doubles_the_full_stop(note, printed):
    assert formats.quoted(note) == printed


def test_filters_are_built_in_and_django_agrees():
    moment = dt.datetime(2027, 1, 5, 19, 30, tzinfo=UTC)
    html = Template(
        "{{ d|day }}|{{ t|when }}|{{ t|clock }}|{{ d|month }}|{{ d|date }}|{{ t|date:'DATETIME_FORMAT' }}"
    ).render(Context({"d": dt.date(2027, 1, 5), "t": moment}))
    assert (
        html == "Jan 5, 2027|Jan 5, 2027, 2:30 PM|2:30 PM|Jan 2027|Jan 5, 2027|Jan 5, 2027, 2:30 PM"
    )


def test_no_template_has_a_date_format_of_its_own():
    found = []
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file():
            text = path.read_text(errors="ignore")
            for fmt in re.findall(r"""\|date:["']([^"']*)["']""", text):
                if fmt not in MACHINE_FORMATS:
                    found.append(f"{path.relative_to(ROOT)}: |date:{fmt!r}")
            found += [f"{path.relative_to(ROOT)}: |time" for _ in re.findall(r"\|time\b", text)]
    assert not found, "use |day, |when, |clock or |month (plpg.formats):\n" + "\n".join(found)


def test_no_python_code_formats_dates_for_people_itself():
    found = []
    for app in ("plpg", "partners", "interviews", "engagements"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.parent.name == "formats":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if HUMAN_CODES.search(line) and "strptime" not in line:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "call plpg.formats.day/when/clock/month:\n" + "\n".join(found)


@pytest.mark.django_db
def test_page_pdf_and_email_print_an_interview_time_the_same_way(
    client, district, lead, panelist, tmp_path
):
    selection = SelectionFactory(district=district, created_by=lead, phases=["launch"])
    moment = dt.datetime(2027, 2, 3, 15, 0, tzinfo=UTC)  # 10:00 AM in New York
    interview = interview_for(selection, panel=[panelist], when=moment)
    printed = "Feb 3, 2027, 10:00 AM"

    client.force_login(lead)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert printed in page

    interview_scheduled(interview=interview, user=lead)
    [message] = mail.outbox
    assert printed in message.subject and printed in message.body

    if shutil.which("pdftotext"):
        pdf = client.get(reverse("interviews:packet", args=[interview.pk]))
        path = tmp_path / "packet.pdf"
        path.write_bytes(pdf.content)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert printed in " ".join(text.split())
