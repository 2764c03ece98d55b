"""Reads: the questions the pages and PDFs ask of interviews, scorecards and selections."""

from django.db.models import Prefetch

from interviews import charts, scoring
from interviews.models import (
    Block,
    Consensus,
    Interview,
    LookFor,
    NonNegotiable,
    NonNegotiableResult,
    Question,
    Rating,
    Scorecard,
    Section,
    SectionKind,
)
from plpg.access import Role, role_in


def sections_with_content(section_queryset):
    """Sections with their blocks, questions and look-fors, in order (4 queries)."""
    return list(
        section_queryset.order_by("position", "id").prefetch_related(
            Prefetch(
                "blocks",
                queryset=Block.objects.prefetch_related(
                    Prefetch("questions", queryset=Question.objects.order_by("position", "id")),
                    Prefetch("look_fors", queryset=LookFor.objects.order_by("position", "id")),
                ).order_by("position", "id"),
            )
        )
    )


def interview_sections(interview: Interview):
    """The interview's sections in scope, with their content."""
    return sections_with_content(interview.sections.all())


def interview_non_negotiables(interview: Interview) -> list:
    """The guide's and the selection's non-negotiables, each with this interview's result."""
    items = list(NonNegotiable.objects.filter(guide_id=interview.guide_id)) + list(
        NonNegotiable.objects.filter(selection_id=interview.selection_id)
    )
    results = {
        r.non_negotiable_id: r for r in NonNegotiableResult.objects.filter(interview=interview)
    }
    for item in items:
        item.result = results.get(item.pk)
    return items


def results_visible(*, interview: Interview, user, scorecard: Scorecard | None, role=None) -> bool:
    """Blind scoring: a panelist sees the panel's ratings only once their own are submitted."""
    if scorecard is not None:
        return scorecard.is_submitted or scorecard.conflict == Scorecard.Conflict.RECUSED
    role = role or role_in(user, interview.selection.district)
    return role in (Role.LEAD, Role.MANAGER, Role.VIEWER, Role.INTERVIEWER)


def interview_results(interview: Interview, sections=None) -> scoring.InterviewResults:
    """Compute the interview's results from its submitted scorecards and consensus."""
    sections = sections if sections is not None else interview_sections(interview)
    specs = [
        {
            "id": s.pk,
            "kind": s.kind,
            "title": s.title,
            "weight": s.weight,
            "look_fors": [(lf.pk, lf.weight) for b in s.blocks.all() for lf in b.look_fors.all()],
        }
        for s in sections
    ]
    ratings = {
        (r.scorecard.panelist_id, r.look_for_id): scoring.Value(r.score, r.not_addressed)
        for r in Rating.objects.filter(
            scorecard__interview=interview, scorecard__submitted_at__isnull=False
        ).select_related("scorecard")
    }
    consensus = {
        c.look_for_id: scoring.Value(c.score, c.not_addressed)
        for c in Consensus.objects.filter(interview=interview)
    }
    return scoring.interview_results(sections=specs, ratings=ratings, consensus=consensus)


def consensus_by_look_for(interview: Interview) -> dict:
    return {
        c.look_for_id: c
        for c in Consensus.objects.filter(interview=interview).select_related("set_by")
    }


def scorecards_of(interview: Interview) -> list:
    return list(interview.scorecards.select_related("panelist").order_by("panelist__email"))


def selection_comparison(selection) -> dict:
    """The partners × sections matrix and chart of a selection (latest interview per partner)."""
    interviews = (
        Interview.objects.filter(selection=selection)
        .exclude(status=Interview.Status.CANCELLED)
        .select_related("partner")
        .order_by("scheduled_at")
    )
    latest = {}
    for interview in interviews:
        latest[interview.partner_id] = interview
    kinds = [SectionKind.GENERAL.value] + [
        kind for kind in selection.phases.values_list("slug", flat=True)
    ]
    kinds = [k for k, _ in SectionKind.choices if k in kinds]
    labels = dict(SectionKind.choices)
    partners = [entry.partner for entry in selection.shortlist.select_related("partner")]
    for interview in latest.values():
        if interview.partner not in partners:
            partners.append(interview.partner)
    results_by_partner, non_negotiables = {}, {}
    for partner_id, interview in latest.items():
        sections = sections_with_content(Section.objects.filter(interviews=interview))
        results_by_partner[partner_id] = interview_results(interview, sections)
        non_negotiables[partner_id] = interview_non_negotiables(interview)
    rows = scoring.comparison_matrix(
        partners=partners, results_by_partner=results_by_partner, kinds=kinds
    )
    for row in rows:
        row["interview"] = latest.get(row["partner"].pk)
        row["non_negotiables"] = non_negotiables.get(row["partner"].pk, [])
        statuses = [nn.result.status for nn in row["non_negotiables"] if nn.result]
        row["nn_summary"] = {
            "met": statuses.count("met"),
            "not_met": statuses.count("not_met"),
            "unclear": len(row["non_negotiables"])
            - statuses.count("met")
            - statuses.count("not_met"),
        }
    scored = [row for row in rows if row["overall"] is not None]
    chart = charts.grouped_bar_chart(
        groups=[labels[k] for k in kinds] + ["Overall"],
        series=[(row["partner"].name, row["scores"] + [row["overall"]]) for row in scored],
    )
    return {
        "kinds": [labels[k] for k in kinds],
        "rows": rows,
        "chart": chart,
        "has_scores": bool(scored),
    }


def interview_chart(results: scoring.InterviewResults) -> dict:
    """The interview's section scores as a bar chart (page and PDF draw the same)."""
    return charts.grouped_bar_chart(
        groups=[s.title for s in results.sections] + ["Overall"],
        series=[("Panel", [s.score for s in results.sections] + [results.overall])],
    )
