"""Participant feedback: the public form (no account), and both sides' pages of results."""

import csv
import io

import segno
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.impact import feedback_selectors as selectors
from engagements.impact import feedback_services as services
from engagements.impact.feedback import MIN_RESPONSES, statements_for
from engagements.impact.forms import FeedbackAnswerForm, FeedbackLinkForm
from engagements.impact.models import FeedbackLink
from engagements.impact.services import ImpactRefused
from engagements.models import PlanSession
from engagements.views.common import today
from engagements.workspace.access import seat_for
from plpg.email import absolute_url

# The browser's own record of the sessions it answered (signed; no id of the person).
ANSWERED_COOKIE = "plpg_feedback"
ANSWERED_SALT = "plpg.feedback-answered"
ANSWERED_MAX_AGE = 365 * 24 * 60 * 60
ANSWERED_KEEP = 50


def _links(engagement):
    return FeedbackLink.objects.filter(session__plan_item__engagement=engagement)


def _sessions(engagement):
    return (
        PlanSession.objects.filter(plan_item__engagement=engagement)
        .exclude(status=PlanSession.Status.CANCELLED)
        .exclude(feedback_link__isnull=False)
        .select_related("plan_item")
        .order_by("date")
    )


def _page(request, seat, *, form=None, error=None, status=200):
    engagement = seat.engagement
    can_open = seat.is_partner or seat.can_edit
    context = selectors.feedback_of(engagement)
    context.update(
        seat=seat,
        engagement=engagement,
        error=error,
        today=today(),
        form=form or (FeedbackLinkForm(sessions=_sessions(engagement)) if can_open else None),
    )
    return render(request, "impact/feedback.html", context, status=status)


@login_required
@require_GET
def feedback(request, pk):
    """Feedback per session and for the engagement: the district's and the partner's page."""
    return _page(request, seat_for(request, pk))


@login_required
@require_POST
def link_new(request, pk):
    """Open a session's feedback link (district leads and PL managers, or the partner)."""
    seat = seat_for(request, pk, edit=True)
    form = FeedbackLinkForm(request.POST, sessions=_sessions(seat.engagement))
    if not form.is_valid():
        return _page(request, seat, form=form, status=400)
    try:
        link = services.feedback_link_create(
            session=form.cleaned_data["session"],
            user=request.user,
            can_statement=form.cleaned_data["can_statement"],
            today=today(),
        )
    except ImpactRefused as exc:
        return _page(request, seat, form=form, error=exc.message, status=400)
    messages.success(request, "Feedback link opened: show its QR code on the last slide.")
    return redirect("impact:feedback_link", pk=pk, link_pk=link.pk)


def _public_url(link) -> str:
    return absolute_url(reverse("impact:answer", args=[link.token]))


@login_required
@require_GET
def link_page(request, pk, link_pk):
    """One session's link with its QR code (for the last slide) and its results."""
    seat = seat_for(request, pk)
    link = get_object_or_404(
        _links(seat.engagement).select_related("session__plan_item"), pk=link_pk
    )
    context = selectors.feedback_of(seat.engagement)
    [link] = [row for row in context["links"] if row.pk == link.pk]
    url = _public_url(link)
    return render(
        request,
        "impact/feedback_link.html",
        {
            "seat": seat,
            "engagement": seat.engagement,
            "link": link,
            "url": url,
            "qr": segno.make(url, error="m").svg_inline(scale=6, omitsize=False),
            "min_responses": MIN_RESPONSES,
            "closed": today() > link.closes_on,
        },
    )


@login_required
@require_GET
def link_qr(request, pk, link_pk):
    """The QR code as an SVG file, to put on a slide."""
    seat = seat_for(request, pk)
    link = get_object_or_404(_links(seat.engagement), pk=link_pk)
    out = io.BytesIO()
    segno.make(_public_url(link), error="m").save(out, kind="svg", scale=10)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="feedback-qr-{link.pk}.svg"'
    return response


@login_required
@require_GET
def feedback_csv(request, pk):
    """Responses of the sessions with at least MIN_RESPONSES (others stay hidden)."""
    seat = seat_for(request, pk)
    context = selectors.feedback_of(seat.engagement)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-engagement-{seat.engagement.pk}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "session_date",
            "plan_row",
            "can_statement",
            "responses",
            "attendance",
            "relevance_mean",
            "facilitation_mean",
            "learning_mean",
            "intended_use_mean",
            "comments",
        ]
    )
    for link in context["links"]:
        summary = link.summary
        means = {s.name: s.mean for s in summary.statements}
        writer.writerow(
            [
                link.session.date.isoformat(),
                link.session.plan_item.name,
                link.can_statement,
                summary.count,
                summary.attendance if summary.attendance is not None else "",
                *(
                    means.get(name, "")
                    for name in ("relevance", "facilitation", "learning", "intended_use")
                ),
                " | ".join(summary.comments)
                if summary.shown
                else f"hidden below {MIN_RESPONSES} responses",
            ]
        )
    return response


def _answered(request) -> list[str]:
    value = request.get_signed_cookie(
        ANSWERED_COOKIE, default="", salt=ANSWERED_SALT, max_age=ANSWERED_MAX_AGE
    )
    return [item for item in value.split(",") if item]


@require_http_methods(["GET", "POST"])
def answer(request, token):
    """The public feedback form: no account, one response per browser, rate-limited per
    address; it shows the session's title, date and "I can" statement, nothing else."""
    link = (
        FeedbackLink.objects.select_related("session__plan_item").filter(token=token[:40]).first()
    )
    if link is None:
        raise Http404("No such feedback form.")
    answered = _answered(request)
    context = {
        "link": link,
        "title": link.session.plan_item.name,
        "statements": statements_for(link.can_statement),
        "closed": today() > link.closes_on,
        "already": str(link.pk) in answered,
    }
    if context["closed"] or context["already"]:
        return render(
            request, "impact/answer.html", context, status=200 if request.method == "GET" else 409
        )
    form = FeedbackAnswerForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.consume(
            request,
            app="plpg.feedback",
            action="answer",
            config={"answer": settings.FEEDBACK_RATE_LIMIT},
        ):
            context["limited"] = True
            return render(request, "impact/answer.html", {**context, "form": form}, status=429)
        if form.is_valid():
            try:
                services.feedback_answer(link=link, answers=form.cleaned_data, today=today())
            except ImpactRefused as exc:
                context["error"] = exc.message
                return render(request, "impact/answer.html", {**context, "form": form}, status=409)
            response = render(request, "impact/answer.html", {**context, "thanks": True})
            response.set_signed_cookie(
                ANSWERED_COOKIE,
                ",".join([str(link.pk), *answered][:ANSWERED_KEEP]),
                salt=ANSWERED_SALT,
                max_age=ANSWERED_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return response
        return render(request, "impact/answer.html", {**context, "form": form}, status=400)
    return render(request, "impact/answer.html", {**context, "form": form})
