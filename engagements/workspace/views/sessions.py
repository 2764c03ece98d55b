"""Delivered sessions: the partner reports, the district confirms or disputes
(engagements/workspace/deliveries.py); the sign-in sheet is served only through
``sheet``, which checks access and records the download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.models import PlanSession
from engagements.services import StaleVersion
from engagements.views.common import today
from engagements.workspace import deliveries, selectors
from engagements.workspace.access import DISTRICT, PARTNER, seat_for
from engagements.workspace.forms import SessionDecisionForm, SessionReportForm
from engagements.workspace.views.files import private_file


def _session(seat, session_pk) -> PlanSession:
    return get_object_or_404(
        PlanSession.objects.select_related("plan_item", "reported_by", "decided_by"),
        pk=session_pk,
        plan_item__engagement=seat.engagement,
    )


def _list(request, seat, *, error="", failed=None, dispute_form=None, status=200):
    """The sessions page; ``failed`` is the session a refused decision was about."""
    show_all = request.GET.get("all") == "1"
    context = selectors.sessions_of(seat.engagement, today=today(), show_all=show_all)
    return render(
        request,
        "workspace/sessions.html",
        {
            **context,
            "seat": seat,
            "engagement": seat.engagement,
            "show_all": show_all,
            "today": today(),
            "error": error,
            "failed": failed,
            "dispute_form": dispute_form,
        },
        status=status,
    )


@login_required
@require_GET
def sessions(request, pk):
    """Every dated session of the plan with its delivery: both sides."""
    return _list(request, seat_for(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk, session_pk):
    """The partner reports a session delivered, or corrects a report not yet confirmed."""
    seat = seat_for(request, pk, sides=(PARTNER,))
    session = _session(seat, session_pk)
    status, error = 200, ""
    if request.method == "POST":
        form = SessionReportForm(request.POST, request.FILES, today=today())
        if form.is_valid():
            data = form.cleaned_data
            try:
                deliveries.delivery_report(
                    session=session,
                    user=request.user,
                    version=data["version"],
                    delivered_on=data["delivered_on"],
                    facilitator=data["facilitator"],
                    attendance=data["attendance"],
                    upload=data["sign_in_sheet"],
                )
            except StaleVersion as exc:
                session.refresh_from_db()  # the version someone else saved, to report on
                form = _report_form(session)
                status, error = 409, exc.message
            except deliveries.DeliveryRefused as exc:
                status, error = 409, exc.message
            except ValidationError as exc:
                form.add_error("sign_in_sheet", exc)
                status = 400
            else:
                messages.success(request, "Reported; the district was asked to confirm it.")
                return redirect(f"{_sessions_url(seat)}#session-{session.pk}")
        else:
            status = 400
    else:
        form = _report_form(session)
    refused = ""
    try:
        deliveries.step(
            status=session.status, confirmation=session.confirmation, action=deliveries.REPORT
        )
    except deliveries.DeliveryRefused as exc:
        refused = exc.message
    return render(
        request,
        "workspace/session_report.html",
        {
            "seat": seat,
            "engagement": seat.engagement,
            "session": session,
            "form": form,
            "error": error,
            "refused": refused,
        },
        status=status,
    )


def _report_form(session):
    day = today()
    return SessionReportForm(
        initial={
            "version": session.version,
            "delivered_on": session.delivered_on or min(session.date, day),
            "facilitator": session.facilitator,
            "attendance": session.attendance,
        },
        today=day,
    )


def _sessions_url(seat) -> str:
    return reverse("workspace:sessions", args=[seat.engagement.pk])


def _decide(request, pk, session_pk, action):
    seat = seat_for(request, pk, sides=(DISTRICT,), edit=True)
    session = _session(seat, session_pk)
    form = SessionDecisionForm(request.POST)
    if not form.is_valid():
        return _list(
            request, seat, error="Reload the page and try again.", failed=session, status=400
        )
    data = form.cleaned_data
    try:
        if action == deliveries.CONFIRM:
            deliveries.delivery_confirm(session=session, user=request.user, version=data["version"])
        else:
            deliveries.delivery_dispute(
                session=session, user=request.user, version=data["version"], reason=data["reason"]
            )
    except StaleVersion as exc:
        return _list(request, seat, error=exc.message, failed=session, status=409)
    except deliveries.DeliveryRefused as exc:
        # A dispute without a reason is bad input; any other refusal is a stale page.
        status = 400 if action == deliveries.DISPUTE and not data["reason"].strip() else 409
        return _list(
            request, seat, error=exc.message, failed=session, dispute_form=form, status=status
        )
    done = "confirmed delivered" if action == deliveries.CONFIRM else "disputed"
    messages.success(request, f"Session {done}; the partner was told by email.")
    return redirect(f"{_sessions_url(seat)}#session-{session.pk}")


@login_required
@require_POST
def confirm(request, pk, session_pk):
    return _decide(request, pk, session_pk, deliveries.CONFIRM)


@login_required
@require_POST
def dispute(request, pk, session_pk):
    return _decide(request, pk, session_pk, deliveries.DISPUTE)


@login_required
@require_GET
def sheet(request, pk, session_pk):
    """The session's sign-in sheet, to both sides; each download is in the history."""
    seat = seat_for(request, pk)
    session = _session(seat, session_pk)
    return private_file(
        session.sign_in_sheet,
        kind=session.sign_in_kind,
        filename=session.sign_in_filename,
        recorded=lambda: deliveries.sheet_downloaded(session=session, user=request.user),
    )
