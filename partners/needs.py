"""The needs diagnostic's reasoning: from where a district is to the phases of support."""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass
class Recommendation:
    phase: str  # Phase slug
    reason: str
    primary: bool = True


def needs_recommend(*, stage: str, audience: str) -> list[Recommendation]:
    """The phases to look for, each with why (partner-playbook.txt, "define your needs")."""
    leaders = audience in ("leaders", "both")
    teachers = audience in ("teachers", "both")
    if stage == "choosing":
        recs = [
            Recommendation(
                "adoption",
                "You are choosing materials. An adoption partner designs a transparent process, "
                "trains reviewers on a quality rubric, runs pilots and helps you bring teachers, "
                "families and the board along.",
            ),
            Recommendation(
                "launch",
                "Plan ahead: a partner who also supports the launch keeps the people who helped "
                "choose the materials with you when teachers start using them.",
                primary=False,
            ),
        ]
        return recs
    if stage == "launching":
        recs = [
            Recommendation(
                "launch",
                "You are getting ready to launch your materials. Look for help with "
                "launch logistics, initial training for teachers and leaders, and support in the "
                "first months of use.",
            )
        ]
        if leaders:
            recs.append(
                Recommendation(
                    "ongoing-leaders",
                    "Leaders need to know what strong implementation looks like from day one, so "
                    "their walkthroughs and feedback match what teachers are learning.",
                    primary=audience == "leaders",
                )
            )
        return recs
    recs = []
    if teachers:
        recs.append(
            Recommendation(
                "ongoing-teachers",
                "Your materials are in use. Ongoing support for teachers means job-embedded "
                "coaching, collaborative planning and looking at student work together.",
            )
        )
    if leaders:
        recs.append(
            Recommendation(
                "ongoing-leaders",
                "Ongoing support for leaders builds the capacity of principals and district "
                "leaders to observe with a curriculum-specific tool, give feedback and create the "
                "conditions for strong professional learning.",
            )
        )
    return recs


def needs_directory_query(
    *, recommendations: list[Recommendation], content_area=None, curriculum=None, budget=None
) -> str:
    """The directory query string for the recommended phases and the district's answers."""
    pairs = [("phase", r.phase) for r in recommendations if r.primary]
    if content_area:
        pairs.append(("content_area", content_area.slug))
    if curriculum:
        pairs.append(("curriculum", curriculum.slug))
        if not content_area:
            pairs.append(("content_area", curriculum.content_area.slug))
    if budget:
        pairs.append(("cost", budget.slug))
    return urlencode(pairs)


# The diagnostic's answers, kept in the session so a selection started later — from the
# diagnostic's result, or from a profile reached through it — starts with them.
SESSION_KEY = "diagnostic"
STAGE_NEEDS = {
    "choosing": "We are choosing new instructional materials.",
    "launching": "We have chosen our materials and are getting ready to launch them.",
    "supporting": "Our materials are in use and we want to strengthen how they are used.",
}
AUDIENCE_NEEDS = {
    "teachers": "Teachers need support.",
    "leaders": "School and district leaders need support.",
    "both": "Both teachers and leaders need support.",
}


def diagnostic_answers(data: dict) -> dict:
    """The plain answers of a valid diagnostic (slugs), as kept in the session."""
    return {
        "stage": data["stage"],
        "audience": data["audience"],
        "content_area": data["content_area"].slug if data.get("content_area") else "",
        "curriculum": data["curriculum"].slug if data.get("curriculum") else "",
        "budget": data["budget"].slug if data.get("budget") else "",
    }


def diagnostic_prefill(session) -> dict:
    """What a new selection starts with, from the diagnostic answers in the session ({} if
    none): needs text, phase, content area, curricula and budget band (model objects)."""
    from partners.models import ContentArea, CostBand, Curriculum, Phase

    answers = session.get(SESSION_KEY) or {}
    if answers.get("stage") not in STAGE_NEEDS or answers.get("audience") not in AUDIENCE_NEEDS:
        return {}
    recommendations = needs_recommend(stage=answers["stage"], audience=answers["audience"])
    curriculum = Curriculum.objects.filter(slug=answers.get("curriculum") or "").first()
    area = ContentArea.objects.filter(slug=answers.get("content_area") or "").first()
    if area is None and curriculum is not None:
        area = curriculum.content_area
    lines = [STAGE_NEEDS[answers["stage"]], AUDIENCE_NEEDS[answers["audience"]]]
    if curriculum:
        lines.append(f"Curriculum: {curriculum}.")
    return {
        "needs": " ".join(lines),
        "phases": list(Phase.objects.filter(slug__in=[r.phase for r in recommendations])),
        "content_area": area,
        "curricula": [curriculum] if curriculum else [],
        "budget_band": CostBand.objects.filter(slug=answers.get("budget") or "").first(),
    }
