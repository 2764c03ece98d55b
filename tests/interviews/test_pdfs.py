"""PDF packets and reports: real text (pdftotext), US Letter, header, fonts embedded."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from interviews.models import Interview, Question
from plpg.models import User

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


def _words(text: str) -> str:
    """Whitespace collapsed; a line broken after a hyphen (high-/quality) joined again."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", text)).strip()


def _pdf_text(content: bytes, tmp_path, *, layout=False) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _pdf_info(content: bytes, tmp_path) -> dict:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@needs_poppler
def test_demo_packet_holds_every_question_of_the_sections_in_scope_word_for_word(
    client, demo, tmp_path
):
    client.force_login(User.objects.get(email="panelist@demo.test"))
    interview = Interview.objects.get(partner__slug="northstar-math-collaborative")
    response = client.get(reverse("interviews:packet", args=[interview.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _words(_pdf_text(response.content, tmp_path))
    questions = Question.objects.filter(block__section__in=interview.sections.all())
    assert questions.count() == 17  # General 10, Launch 4, Ongoing support for teachers 3
    for question in questions:
        assert _words(question.text) in text, question.text
    # Only the sections in scope.
    assert "What is your organization" not in text
    # Cover, running header, non-negotiables and page numbers.
    assert "Riverside Unified (demo) · Northstar Math Collaborative ·" in text
    assert "Coaches observe and give feedback with our IM-aligned observation tool" in text
    assert re.search(r"Page 1 of \d+", text)
    info = _pdf_info(response.content, tmp_path)
    assert info["Page size"].strip().startswith("612 x 792")  # US Letter
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "info.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:]), fonts


@needs_poppler
def test_packet_keeps_each_block_on_one_page(client, demo, tmp_path):
    """No block is split: a block's first question and its last look-for share a page."""
    client.force_login(User.objects.get(email="panelist@demo.test"))
    interview = Interview.objects.get(partner__slug="northstar-math-collaborative")
    content = client.get(reverse("interviews:packet", args=[interview.pk])).content
    pages = [_words(p) for p in _pdf_text(content, tmp_path).split("\f")]
    for section in interview.sections.all():
        for block in section.blocks.all():
            first = _words(block.questions.first().text)[:60]
            last = block.look_fors.last()
            if last is None:
                continue
            tail = _words(last.text.splitlines()[-1].removeprefix("- "))[-50:]
            holding = [i for i, page in enumerate(pages) if first in page]
            assert holding, first
            assert tail in pages[holding[0]], f"block split across pages: {first}"


@needs_poppler
def test_results_and_selection_reports(client, demo, tmp_path):
    client.force_login(User.objects.get(email="leader@demo.test"))
    interview = Interview.objects.get(partner__slug="northstar-math-collaborative")
    report = client.get(reverse("interviews:report", args=[interview.pk]))
    assert report.status_code == 200
    text = _words(_pdf_text(report.content, tmp_path))
    assert "Interview results: Northstar Math Collaborative" in text
    assert "Mean" in text and "Consensus" in text
    selection = interview.selection
    response = client.get(reverse("interviews:selection_report", args=[selection.pk]))
    assert response.status_code == 200
    text = _words(_pdf_text(response.content, tmp_path))
    assert "Northstar Math Collaborative" in text
    assert "Will this partner help us build capacity within our leadership team" in text
    # Same content, same bytes: the packet can be cached by its ETag.
    again = client.get(reverse("interviews:selection_report", args=[selection.pk]))
    assert again["ETag"] == response["ETag"]


def test_report_pdf_is_blind_for_a_panelist_who_has_not_submitted(client, demo):
    client.force_login(User.objects.get(email="panelist@demo.test"))
    catalyst = Interview.objects.get(partner__slug="catalyst-math-coaching")
    assert client.get(reverse("interviews:report", args=[catalyst.pk])).status_code == 403


@needs_poppler
@pytest.mark.parametrize("key", ["playbook", "interview-guide"])
def test_full_guide_packets_hold_every_question_and_keep_blocks_whole(
    client, key, district, lead, panelist, tmp_path
):
    from interviews.models import Guide
    from tests.factories import SelectionFactory, interview_for

    guide = Guide.objects.templates().get(key=key)
    selection = SelectionFactory(
        district=district,
        guide=guide,
        phases=["adoption", "launch", "ongoing-teachers", "ongoing-leaders"],
    )
    interview = interview_for(selection, panel=[panelist])
    assert interview.sections.count() == 5
    client.force_login(panelist)
    content = client.get(reverse("interviews:packet", args=[interview.pk])).content
    raw = _pdf_text(content, tmp_path)
    text = _words(raw)
    pages = [_words(page) for page in raw.split("\f")]
    questions = Question.objects.filter(block__section__guide=guide).select_related("block")
    for question in questions:
        assert _words(question.text) in text, question.text
    for question in questions:
        block = question.block
        holding = [i for i, page in enumerate(pages) if _words(question.text)[:70] in page]
        last = block.look_fors.last()
        if last is not None:
            tail = _words(last.text.splitlines()[-1].removeprefix("- "))[-40:]
            assert tail in pages[holding[0]], f"block split across pages: {question.text[:60]}"
