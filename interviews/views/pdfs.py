"""The PDFs: the blank interview packet, the interview results, the selection report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import slugify

from interviews import policy, selectors
from interviews.forms import DECISION_QUESTIONS
from interviews.models import SCALE, Interview, Scorecard
from interviews.views.common import get_interview, get_selection
from plpg import formats
from plpg.pdf import pdf_response

PACKET_NOTE_LINES = 3


def _header(district, partner, when) -> str:
    parts = [str(district)]
    if partner:
        parts.append(str(partner))
    if when:
        parts.append(formats.day(when))
    return " · ".join(parts)


@login_required
def interview_packet(request, pk):
    """The blank packet a panelist prints before the call."""
    interview, _ = get_interview(request, pk)
    selection = interview.selection
    context = {
        "interview": interview,
        "selection": selection,
        "guide": interview.guide,
        "panel": interview.panel.order_by("last_name", "email"),
        "sections": selectors.interview_sections(interview),
        "non_negotiables": selectors.interview_non_negotiables(interview),
        "scale": SCALE,
        "note_lines": range(PACKET_NOTE_LINES),
        # Blocks with many look-fors get fewer lines each so the block fits one page.
        "short_note_lines": range(PACKET_NOTE_LINES - 1),
        "running_header": _header(selection.district, interview.partner, interview.scheduled_at),
        "phases": selection.phases.all(),
        "curricula": selection.curricula.all(),
        "grade_bands": selection.grade_bands.all(),
    }
    name = f"packet-{slugify(interview.partner.name)}-{interview.scheduled_at:%Y-%m-%d}.pdf"
    return pdf_response("pdf/interviews/packet.html", context, filename=name, request=request)


@login_required
def interview_report(request, pk):
    """The interview's results (blind rules apply as on the page)."""
    interview, role = get_interview(request, pk)
    if not policy.scores_visible_to(request.user, interview, role=role):
        raise PermissionDenied(policy.BLIND_MESSAGE)
    scorecards = selectors.scorecards_of(interview)
    sections = selectors.interview_sections(interview)
    context = {
        **selectors.results_context(interview=interview, scorecards=scorecards, sections=sections),
        "interview": interview,
        "selection": interview.selection,
        "sections": sections,
        "consensus": selectors.consensus_by_look_for(interview),
        "non_negotiables": selectors.interview_non_negotiables(interview),
        "running_header": _header(
            interview.selection.district, interview.partner, interview.scheduled_at
        ),
        "recused": Scorecard.Conflict.RECUSED,
    }
    name = f"results-{slugify(interview.partner.name)}-{interview.scheduled_at:%Y-%m-%d}.pdf"
    return pdf_response("pdf/interviews/report.html", context, filename=name, request=request)


@login_required
def selection_report(request, pk):
    """The comparison matrix, chart and decision of a selection."""
    selection, role = get_selection(request, pk)
    if not policy.selection_scores_visible_to(request.user, selection, role=role):
        raise PermissionDenied(policy.BLIND_MESSAGE)
    comparison = selectors.selection_comparison(selection)
    context = {
        "selection": selection,
        "comparison": comparison,
        "decision_questions": [(label, getattr(selection, n)) for n, label in DECISION_QUESTIONS],
        "interviews": Interview.objects.filter(selection=selection).select_related("partner"),
        "non_negotiables": selection.non_negotiables.all(),
        "running_header": _header(
            selection.district, selection.chosen_partner, selection.decided_at or timezone.now()
        ),
    }
    return pdf_response(
        "pdf/interviews/selection_report.html",
        context,
        filename=f"selection-{slugify(selection.title)}.pdf",
        request=request,
    )
