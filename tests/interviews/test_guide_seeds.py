"""The guide templates hold every question and look-for of the seeds, each exactly once."""

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from interviews.guide_data import guide_files_read
from interviews.models import Guide, LookFor, Question

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"

# Advice to the panel that the seeds print in the look-for column: shown, never scored.
GUIDANCE_STARTS = ("Before you hop on the phone", "Because you want to honor", "Be upfront with")


def playbook_seed_items():
    """Questions, look-fors and guidance of the playbook's interview guide, read from the text."""
    lines = (SEEDS / "partner-playbook.txt").read_text().splitlines()
    start = lines.index("General Questions")
    end = lines.index("Guide to Effectively Managing PL Partners")
    headings = {
        "Questions Related to Specific Types of CBPL Services",
        "ADOPTION",
        "ONGOING IMPLEMENTATION SUPPORT FOR TEACHERS",
        "ONGOING IMPLEMENTATION SUPPORT FOR LEADERS",
    }
    column_headers = {"Key questions to ask PL providers", "Things to look for in their response"}
    questions, look_fors, guidance = [], [], []
    for line in (line.strip() for line in lines[start + 1 : end]):
        if not line or line in headings or line in column_headers:
            continue
        # The text prints a table's two columns one after the other: a question asks.
        if line.endswith("?") or line.startswith("Describe "):
            questions.append(line)
        elif line.startswith("- "):
            look_fors[-1] += "\n" + line
        elif line.startswith(GUIDANCE_STARTS):
            guidance.append(line)
        else:
            look_fors.append(line)
    return questions, look_fors, guidance


class _ListItems(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.items = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "ul"
        if tag == "li":
            if self.depth == 1:
                self.items.append([""])
            else:
                self.items[-1].append("")

    def handle_endtag(self, tag):
        self.depth -= tag == "ul"

    def handle_data(self, data):
        if self.items and self.depth:
            self.items[-1][-1] += data


def _cell(html):
    parser = _ListItems()
    parser.feed(html)
    for parts in parser.items:
        parts = [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]
        lead = parts[0].removeprefix("* ")
        yield "\n".join([lead] + ["- " + p.removeprefix("● ") for p in parts[1:]])


def interview_guide_seed_items():
    """Questions, look-fors and guidance of the earlier interview guide's HTML tables."""
    rows = [
        line.split("\t")
        for line in (SEEDS / "interview-guide.txt").read_text().splitlines()
        if "<ul" in line
    ]
    questions, look_fors, guidance = [], [], []
    for cells in rows:
        cells = cells[-2:]  # phase rows start with the phase's name
        questions += list(_cell(cells[0]))
        for item in _cell(cells[1]):
            (guidance if item.startswith(GUIDANCE_STARTS) else look_fors).append(item)
    return questions, look_fors, guidance


def _fixture_items(key):
    guide = next(g for g in guide_files_read() if g["key"] == key)
    blocks = [b for s in guide["sections"] for b in s["blocks"]]
    return (
        [q for b in blocks for q in b["questions"]],
        [lf for b in blocks for lf in b["look_fors"]],
        [b["guidance"] for b in blocks if b.get("guidance")],
    )


@pytest.mark.parametrize(
    "key, seed_items, counts",
    [
        # The playbook prints the Launch questions twice; they are one block here.
        ("playbook", playbook_seed_items, (23, 19, 2)),
        ("interview-guide", interview_guide_seed_items, (27, 20, 1)),
    ],
)
def test_fixture_holds_every_seed_question_and_look_for_exactly_once(key, seed_items, counts):
    seed_questions, seed_look_fors, seed_guidance = seed_items()
    questions, look_fors, guidance = _fixture_items(key)
    assert Counter(questions) == Counter(dict.fromkeys(seed_questions, 1))
    assert Counter(look_fors) == Counter(dict.fromkeys(seed_look_fors, 1))
    assert Counter(guidance) == Counter(dict.fromkeys(seed_guidance, 1))
    assert (len(questions), len(look_fors), len(guidance)) == counts


def test_playbook_launch_block_is_one_block_though_the_seed_repeats_it():
    questions, _, _ = playbook_seed_items()
    repeated = [q for q, n in Counter(questions).items() if n > 1]
    assert len(repeated) == 4
    guide = next(g for g in guide_files_read() if g["key"] == "playbook")
    launch = next(s for s in guide["sections"] if s["kind"] == "launch")
    assert len(launch["blocks"]) == 1
    assert set(repeated) == set(launch["blocks"][0]["questions"])
    assert len(launch["blocks"][0]["look_fors"]) == 4


def test_sections_are_general_and_the_four_phases():
    for guide in guide_files_read():
        assert [s["kind"] for s in guide["sections"]] == [
            "general",
            "adoption",
            "launch",
            "ongoing-teachers",
            "ongoing-leaders",
        ]


@pytest.mark.django_db
def test_templates_exist_in_the_database_after_migrate():
    templates = Guide.objects.templates()
    assert sorted(templates.values_list("key", flat=True)) == ["interview-guide", "playbook"]
    assert templates.get(is_default=True).key == "playbook"
    playbook = templates.get(key="playbook")
    assert Question.objects.filter(block__section__guide=playbook).count() == 23
    assert LookFor.objects.filter(block__section__guide=playbook).count() == 19
    assert playbook.preparation.startswith("Determine your non-negotiables")
