"""Field issues: either side raises one, both comment, either resolves it (writes)."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from engagements.views.common import EDIT_ROLES
from engagements.workspace.models import EngagementShare, FieldIssue, IssueComment, Side
from plpg.email import absolute_url, send_email
from plpg.history import with_reason
from plpg.limits import check_limit
from plpg.models import Membership

ISSUES_LIMIT = 300  # per engagement (plpg.limits)
COMMENTS_LIMIT = 200  # per issue


class IssueRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def district_emails(engagement, roles=EDIT_ROLES) -> list[str]:
    """The district's people to tell (leads and PL managers by default)."""
    return list(
        Membership.objects.filter(
            district_id=engagement.district_id, role__in=roles, user__is_active=True
        )
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


def partner_emails(engagement) -> list[str]:
    """The partner staff the engagement is shared with (and who still work there)."""
    return list(
        EngagementShare.objects.filter(
            engagement=engagement, user__partner_staff__partner_id=engagement.partner_id
        )
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


def _tell_other_side(issue, *, side, what, text=""):
    engagement = issue.engagement
    to = partner_emails(engagement) if side == Side.DISTRICT else district_emails(engagement)
    send_email(
        to=to,
        template="workspace/email/issue",
        context={
            "issue": issue,
            "engagement": engagement,
            "what": what,
            "text": text,
            "url": absolute_url(reverse("workspace:issue", args=[engagement.pk, issue.pk])),
        },
    )


@transaction.atomic
def issue_raise(*, engagement, user, side, **fields) -> FieldIssue:
    """Raise an issue seen in the field; the other side is told by email."""
    check_limit(
        current=engagement.issues.count(), adding=1, limit=ISSUES_LIMIT, what="field issues"
    )
    issue = FieldIssue(engagement=engagement, raised_by=user, raised_side=side, **fields)
    with_reason(issue, f"Raised by the {Side(side).label.lower()}")
    issue.save()
    _tell_other_side(issue, side=side, what="raised")
    return issue


@transaction.atomic
def issue_comment(*, issue, user, side, text) -> IssueComment:
    if issue.status != FieldIssue.Status.OPEN:
        raise IssueRefused("This issue is resolved; comments are closed.")
    check_limit(
        current=issue.comments.count(),
        adding=1,
        limit=COMMENTS_LIMIT,
        what="comments",
        holder="a field issue",
    )
    comment = IssueComment.objects.create(issue=issue, author=user, side=side, text=text.strip())
    _tell_other_side(issue, side=side, what="commented on", text=comment.text)
    return comment


@transaction.atomic
def issue_resolve(*, issue, user, side, resolution) -> FieldIssue:
    issue = FieldIssue.objects.select_for_update().select_related("engagement").get(pk=issue.pk)
    if issue.status != FieldIssue.Status.OPEN:
        raise IssueRefused("This issue is already resolved.")
    issue.status = FieldIssue.Status.RESOLVED
    issue.resolution = resolution.strip()
    issue.resolved_by, issue.resolved_at = user, timezone.now()
    with_reason(issue, f"Resolved by the {Side(side).label.lower()}")
    issue.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    _tell_other_side(issue, side=side, what="resolved", text=issue.resolution)
    return issue


def escalations_send(*, today: dt.date, dry_run=False, district=None) -> list[tuple[str, str]]:
    """Email each district's leads the high-severity issues open past their due date
    (each issue at most once a week). Returns the (email, issue title) pairs."""
    due = (
        FieldIssue.objects.open()
        .filter(severity=FieldIssue.Severity.HIGH, due_date__lt=today)
        .exclude(escalated_on__gt=today - dt.timedelta(days=7))
        .select_related("engagement__partner", "engagement__district")
        .order_by("engagement__district_id", "due_date")
    )
    if district is not None:
        due = due.filter(engagement__district=district)
    sent = []
    for issue in due:
        engagement = issue.engagement
        to = district_emails(engagement, roles=(Membership.Role.LEAD,))
        if not to:
            continue
        if not dry_run:
            send_email(
                to=to,
                template="workspace/email/escalation",
                context={
                    "issue": issue,
                    "engagement": engagement,
                    "days_late": (today - issue.due_date).days,
                    "url": absolute_url(reverse("workspace:issue", args=[engagement.pk, issue.pk])),
                },
            )
            issue.escalated_on = today
            with_reason(issue, f"Escalated to the district's leads ({', '.join(to)})")
            issue.save(update_fields=["escalated_on"])
        sent.extend((address, issue.title) for address in to)
    return sent
