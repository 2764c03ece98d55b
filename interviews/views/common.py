from django.contrib import messages
from django.shortcuts import redirect

from interviews.models import Interview, Selection
from plpg.access import Role, get_for_user_or_404, require_role

READERS = (Role.LEAD, Role.INTERVIEWER, Role.MANAGER, Role.VIEWER)
# Who changes a selection's shortlist — from the selection page, the partner profile's
# picker and /selections/shortlist/add/ alike: the lead, who runs the selection. Panelists
# and viewers read it; PL managers work on engagements.
SHORTLIST_ROLES = (Role.LEAD,)
HISTORY_PAGE_SIZE = 100
# History pages show the newest changes, up to this many (pages of HISTORY_PAGE_SIZE).
HISTORY_LIMIT = 1000


def get_selection(request, pk, *roles) -> tuple[Selection, str]:
    """The user's district's selection (404 otherwise) and their role, checked against roles."""
    selection = get_for_user_or_404(
        Selection.objects.select_related("district", "content_area", "budget_band", "guide"),
        request.user,
        pk=pk,
    )
    role = require_role(request.user, selection.district, *(roles or READERS))
    return selection, role


def get_interview(request, pk, *roles) -> tuple[Interview, str]:
    """The user's district's interview (404 otherwise) and their role, checked against roles."""
    interview = get_for_user_or_404(
        Interview.objects.select_related(
            "selection__district", "partner", "guide", "selection__content_area"
        ),
        request.user,
        pk=pk,
    )
    role = require_role(request.user, interview.selection.district, *(roles or READERS))
    return interview, role


def refuse(request, message, to):
    """Tell the user why nothing changed and send them back."""
    messages.error(request, message)
    return redirect(to)


def form_status(request) -> int:
    """400 when a submitted form is shown again with its errors, 200 for a first look."""
    return 400 if request.method == "POST" else 200
