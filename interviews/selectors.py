"""Reads: the questions the pages and PDFs ask of interviews, scorecards and selections."""

from collections import defaultdict

from django.db.models import F, Prefetch, Q
from django.utils import timezone

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
    # The guide's first, then the selection's (NULLs last), each in their own order.
    items = list(
        NonNegotiable.objects.filter(
            Q(guide_id=interview.guide_id) | Q(selection_id=interview.selection_id)
        ).order_by(F("guide_id").asc(nulls_last=True), "position", "id")
    )
    results = {
        r.non_negotiable_id: r for r in NonNegotiableResult.objects.filter(interview=interview)
    }
    for item in items:
        item.result = results.get(item.pk)
    return items


def _section_specs(sections) -> list[dict]:
    """The plain data scoring.interview_results needs about each section in scope."""
    return [
        {
            "id": s.pk,
            "kind": s.kind,
            "title": s.title,
            "weight": s.weight,
            "look_fors": [(lf.pk, lf.weight) for b in s.blocks.all() for lf in b.look_fors.all()],
        }
        for s in sections
    ]


def _submitted_ratings(interviews) -> dict:
    """{interview id: {(panelist id, look-for id): Value}} from submitted scorecards (1 query)."""
    by_interview = defaultdict(dict)
    rows = Rating.objects.filter(
        scorecard__interview__in=interviews, scorecard__submitted_at__isnull=False
    ).values_list(
        "scorecard__interview_id", "scorecard__panelist_id", "look_for_id", "score", "not_addressed"
    )
    for interview_id, panelist_id, look_for_id, score, not_addressed in rows:
        by_interview[interview_id][(panelist_id, look_for_id)] = scoring.Value(score, not_addressed)
    return by_interview


def _consensus_values(interviews) -> dict:
    """{interview id: {look-for id: Value}} (1 query)."""
    by_interview = defaultdict(dict)
    rows = Consensus.objects.filter(interview__in=interviews).values_list(
        "interview_id", "look_for_id", "score", "not_addressed"
    )
    for interview_id, look_for_id, score, not_addressed in rows:
        by_interview[interview_id][look_for_id] = scoring.Value(score, not_addressed)
    return by_interview


def interview_results(interview: Interview, sections=None) -> scoring.InterviewResults:
    """Compute the interview's results from its submitted scorecards and consensus."""
    sections = sections if sections is not None else interview_sections(interview)
    return scoring.interview_results(
        sections=_section_specs(sections),
        ratings=_submitted_ratings([interview]).get(interview.pk, {}),
        consensus=_consensus_values([interview]).get(interview.pk, {}),
    )


def consensus_by_look_for(interview: Interview) -> dict:
    return {
        c.look_for_id: c
        for c in Consensus.objects.filter(interview=interview).select_related("set_by")
    }


def scorecards_of(interview: Interview) -> list:
    return list(interview.scorecards.select_related("panelist").order_by("panelist__email"))


def selection_interviews(selection) -> list:
    """The selection's interviews by date, with partner, panel and sections (4 queries)."""
    return list(
        selection.interviews.select_related("partner")
        .prefetch_related(
            Prefetch("scorecards", queryset=Scorecard.objects.select_related("panelist")),
            "sections",
        )
        .order_by("scheduled_at", "id")
    )


def selection_comparison(selection, interviews=None, shortlist=None) -> dict:
    """The partners × sections matrix and chart of a selection: per partner its latest
    interview and, under it, its latest proposal review (an RFP), side by side.

    A fixed number of queries however many interviews: content, ratings, consensus and
    non-negotiable results are fetched for all the interviews at once. ``interviews`` (the
    page's selection_interviews) and ``shortlist`` (entries with partners): the page's own,
    so they are not read twice.
    """
    if interviews is None:
        interviews = selection_interviews(selection)
    interviews = [i for i in interviews if i.status != Interview.Status.CANCELLED]
    latest, latest_proposal = {}, {}
    for interview in interviews:
        (latest_proposal if interview.proposal_id else latest)[interview.partner_id] = interview
    chosen = [*latest.values(), *latest_proposal.values()]
    wanted = {SectionKind.GENERAL.value, *selection.phases.values_list("slug", flat=True)}
    kinds = [k for k in SectionKind.values if k in wanted]
    labels = dict(SectionKind.choices)
    if shortlist is None:
        shortlist = selection.shortlist.select_related("partner")
    partners = [entry.partner for entry in shortlist]
    partners += [i.partner for i in chosen if i.partner_id not in {p.pk for p in partners}]

    section_ids = {section.pk for i in chosen for section in i.sections.all()}
    content = {s.pk: s for s in sections_with_content(Section.objects.filter(pk__in=section_ids))}
    ratings, consensus = _submitted_ratings(chosen), _consensus_values(chosen)

    def results_of(interview):
        return scoring.interview_results(
            sections=_section_specs(
                sorted(
                    (content[s.pk] for s in interview.sections.all()),
                    key=lambda s: (s.position, s.pk),
                )
            ),
            ratings=ratings.get(interview.pk, {}),
            consensus=consensus.get(interview.pk, {}),
        )

    nn_summaries = _non_negotiable_summaries(selection, chosen)
    counts = defaultdict(lambda: [0, 0])
    for interview in chosen:
        for card in interview.scorecards.all():
            if card.conflict == Scorecard.Conflict.RECUSED:
                counts[interview.pk][1] += 1
            elif card.submitted_at is not None:
                counts[interview.pk][0] += 1

    def matrix(reviews: dict, partner_list, source: str) -> list:
        rows = scoring.comparison_matrix(
            partners=partner_list,
            results_by_partner={pid: results_of(i) for pid, i in reviews.items()},
            kinds=kinds,
            counts={pid: tuple(counts[i.pk]) for pid, i in reviews.items()},
        )
        for row in rows:
            interview = reviews.get(row["partner"].pk)
            row["interview"] = interview
            row["source"] = source
            row["nn_summary"] = nn_summaries.get(interview.pk) if interview else None
        return rows

    proposal_rows = {
        row["partner"].pk: row
        for row in matrix(
            latest_proposal, [p for p in partners if p.pk in latest_proposal], "Proposal"
        )
    }
    rows = []
    for row in matrix(latest, partners, "Interview"):
        rows.append(row)
        if row["partner"].pk in proposal_rows:
            rows.append(proposal_rows[row["partner"].pk])
    scored = [row for row in rows if row["overall"] is not None]
    chart = charts.grouped_bar_chart(
        groups=[labels[k] for k in kinds] + ["Overall"],
        series=[
            (
                row["partner"].name + (" (proposal)" if row["source"] == "Proposal" else ""),
                row["scores"] + [row["overall"]],
            )
            for row in scored
        ],
    )
    return {
        "kinds": [labels[k] for k in kinds],
        "rows": rows,
        "chart": chart,
        "has_scores": bool(scored),
        "has_proposals": bool(latest_proposal),
    }


def _non_negotiable_summaries(selection, interviews) -> dict:
    """{interview id: {"met", "not_met", "unclear"}} counting guide and selection items."""
    selection_items = set(selection.non_negotiables.values_list("pk", flat=True))
    guide_items = defaultdict(set)
    for guide_id, pk in NonNegotiable.objects.filter(
        guide_id__in={i.guide_id for i in interviews}
    ).values_list("guide_id", "pk"):
        guide_items[guide_id].add(pk)
    statuses = defaultdict(dict)
    for interview_id, nn_id, status in NonNegotiableResult.objects.filter(
        interview__in=interviews
    ).values_list("interview_id", "non_negotiable_id", "status"):
        statuses[interview_id][nn_id] = status
    summaries = {}
    for interview in interviews:
        items = selection_items | guide_items[interview.guide_id]
        if not items:
            continue
        found = [statuses[interview.pk].get(pk) for pk in items]
        met, not_met = found.count("met"), found.count("not_met")
        summaries[interview.pk] = {
            "met": met,
            "not_met": not_met,
            "unclear": len(items) - met - not_met,
        }
    return summaries


def interview_chart(results: scoring.InterviewResults) -> dict:
    """The interview's section scores as a bar chart (page and PDF draw the same)."""
    return charts.grouped_bar_chart(
        groups=[s.title for s in results.sections] + ["Overall"],
        series=[("Panel", [s.score for s in results.sections] + [results.overall])],
    )


def panel_evidence(interview: Interview) -> dict:
    """{look-for id: [(panelist name, value label, evidence note)]} of submitted scorecards
    (call it only where the scores are visible: interviews.policy)."""
    evidence = defaultdict(list)
    for rating in (
        Rating.objects.filter(scorecard__interview=interview, scorecard__submitted_at__isnull=False)
        .select_related("scorecard__panelist")
        .order_by("scorecard__panelist__last_name", "scorecard__panelist__email")
    ):
        evidence[rating.look_for_id].append(
            (rating.scorecard.panelist.display_name, rating.value_label, rating.note)
        )
    return dict(evidence)


def results_context(*, interview, scorecards, sections) -> dict:
    """What the results page and the results PDF draw: scores, chart, who submitted, the
    panel's evidence notes (callers check interviews.policy.scores_visible_to first)."""
    results = interview_results(interview, sections)
    submitted = [s for s in scorecards if s.is_submitted]
    return {
        "evidence": panel_evidence(interview),
        "results": results,
        "chart": interview_chart(results),
        "submitted": submitted,
        "scorecards": scorecards,
        "rater_means": [(s, results.rater_means.get(s.panelist_id)) for s in submitted],
    }


def my_interviews(user, district) -> dict:
    """A panelist's interviews in district, as their home shows them first:
    to score now, upcoming, and submitted (withdrawn and no-show ones are left out)."""
    from interviews import lifecycle

    cards = (
        Scorecard.objects.for_user(user)
        .filter(panelist=user, interview__selection__district=district)
        .filter(withdrawn_at__isnull=True)
        .exclude(interview__status=Interview.Status.NO_SHOW)
        .select_related("interview__partner", "interview__selection")
        .order_by("interview__scheduled_at")
    )
    now = timezone.now()
    groups = {"to_score": [], "upcoming": [], "submitted": [], "other": []}
    for card in cards:
        interview = card.interview
        if card.is_submitted:
            groups["submitted"].append(card)
        elif interview.status == Interview.Status.CANCELLED:
            groups["other"].append(card)
        elif interview.scheduled_at > now and interview.status == Interview.Status.SCHEDULED:
            groups["upcoming"].append(card)
        elif card.is_owed and not lifecycle.scoring_refusal(interview, now):
            groups["to_score"].append(card)
        else:
            groups["other"].append(card)
    groups["submitted"] = groups["submitted"][-5:]
    groups["any"] = any(groups.values())
    return groups


# --- RFPs ----------------------------------------------------------------------------------


def rfp_source(rfp):
    """What the RFP's sections are generated from (rfp_text.Source), in a fixed few queries."""
    from interviews import rfp_text
    from interviews.services.selections import sections_in_scope
    from partners.audiences import audiences_for_phases
    from plpg.states import US_STATES

    selection = rfp.selection
    district = selection.district
    phases = list(selection.phases.order_by("position"))
    students = [
        f"{value}% {label}"
        for value, label in (
            (district.pct_multilingual_learners, "multilingual learners"),
            (district.pct_students_with_disabilities, "students with disabilities"),
            (district.pct_economically_disadvantaged, "economically disadvantaged students"),
            (district.pct_students_of_color, "students of color"),
        )
        if value is not None
    ]
    non_negotiables = [n.text for n in selection.non_negotiables.all()]
    criteria = []
    guide = selection.guide
    if guide is not None:
        non_negotiables += [n.text for n in guide.non_negotiables.all()]
        for section in sections_with_content(sections_in_scope(guide=guide, selection=selection)):
            look_fors = [
                (lf.lead, lf.points, lf.weight)
                for block in section.blocks.all()
                for lf in block.look_fors.all()
            ]
            criteria.append((section.title, section.weight, look_fors))
    return rfp_text.Source(
        district_name=district.name,
        state=US_STATES.get(district.state, district.state),
        locale=district.get_locale_display() if district.locale else "",
        enrollment=district.get_enrollment_band_display() if district.enrollment_band else "",
        student_context=students,
        vision=district.instructional_vision,
        priorities=district.priority_list,
        strategy=district.strategy,
        needs=selection.needs,
        phases=[p.name for p in phases],
        content_area=selection.content_area.name if selection.content_area_id else "",
        curricula=[c.name for c in selection.curricula.all()],
        grade_bands=[g.name for g in selection.grade_bands.all()],
        audiences=audiences_for_phases(p.slug for p in phases),
        budget_band=selection.budget_band.name if selection.budget_band_id else "",
        non_negotiables=non_negotiables,
        criteria=criteria,
        guide_name=str(guide) if guide else "",
        questions_due=rfp.questions_due,
        proposals_due=rfp.proposals_due,
        interviews_on=rfp.interviews_on,
        decision_on=rfp.decision_on,
        services_start=rfp.services_start,
    )
