"""Field issues: raise (either side), comment, resolve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.views.common import today
from engagements.workspace import issues as services
from engagements.workspace.access import seat_for
from engagements.workspace.forms import CommentForm, FieldIssueForm, ResolveForm
from engagements.workspace.models import FieldIssue


def _issue(seat, issue_pk) -> FieldIssue:
    return get_object_or_404(
        FieldIssue.objects.select_related("engagement", "raised_by", "resolved_by"),
        pk=issue_pk,
        engagement=seat.engagement,
    )


def _page(request, seat, issue, *, comment_form=None, resolve_form=None, error=None, status=200):
    return render(
        request,
        "workspace/issue.html",
        {
            "seat": seat,
            "engagement": seat.engagement,
            "issue": issue,
            "comments": list(issue.comments.select_related("author")),
            "can_write": seat.is_partner or seat.can_edit,
            "comment_form": comment_form or CommentForm(),
            "resolve_form": resolve_form or ResolveForm(),
            "today": today(),
            "error": error,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_new(request, pk):
    seat = seat_for(request, pk, edit=True)  # the partner, or district editors
    engagement = seat.engagement
    status = 200
    if request.method == "POST":
        form = FieldIssueForm(request.POST)
        if form.is_valid():
            issue = services.issue_raise(
                engagement=engagement, user=request.user, side=seat.side, **form.cleaned_data
            )
            messages.success(request, "Issue raised; the other side was told by email.")
            return redirect("workspace:issue", pk=engagement.pk, issue_pk=issue.pk)
        status = 400
    else:
        form = FieldIssueForm(initial={"severity": FieldIssue.Severity.MEDIUM})
    return render(
        request,
        "workspace/issue_new.html",
        {"seat": seat, "engagement": engagement, "form": form},
        status=status,
    )


@login_required
@require_GET
def issue(request, pk, issue_pk):
    seat = seat_for(request, pk)
    return _page(request, seat, _issue(seat, issue_pk))


@login_required
@require_POST
def issue_comment(request, pk, issue_pk):
    seat = seat_for(request, pk, edit=True)  # the partner, or district editors
    issue = _issue(seat, issue_pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _page(request, seat, issue, comment_form=form, status=400)
    try:
        services.issue_comment(
            issue=issue, user=request.user, side=seat.side, text=form.cleaned_data["text"]
        )
    except services.IssueRefused as exc:
        return _page(request, seat, issue, error=exc.message, status=409)
    return redirect(reverse("workspace:issue", args=[pk, issue.pk]) + "#comments")


@login_required
@require_POST
def issue_resolve(request, pk, issue_pk):
    seat = seat_for(request, pk, edit=True)  # the partner, or district editors
    issue = _issue(seat, issue_pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _page(request, seat, issue, resolve_form=form, status=400)
    try:
        services.issue_resolve(
            issue=issue,
            user=request.user,
            side=seat.side,
            resolution=form.cleaned_data["resolution"],
        )
    except services.IssueRefused as exc:
        return _page(request, seat, issue, error=exc.message, status=409)
    messages.success(request, "Issue resolved.")
    return redirect("workspace:issue", pk=pk, issue_pk=issue.pk)
