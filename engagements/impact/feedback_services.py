"""Writes of participant feedback: a session's link, and one anonymous response."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from engagements.impact.models import FeedbackLink, FeedbackResponse
from engagements.impact.services import ImpactRefused
from engagements.models import PlanSession
from plpg import formats
from plpg.history import with_reason

COMMENT_LIMIT = 1000  # characters: a phone answer, not an essay


def link_closes_on(session_date: dt.date, today: dt.date) -> dt.date:
    """A link opened for a past session still gets the full window from today."""
    return max(session_date, today) + dt.timedelta(days=settings.FEEDBACK_OPEN_DAYS)


@transaction.atomic
def feedback_link_create(*, session, user, can_statement: str, today: dt.date) -> FeedbackLink:
    """Open the public feedback link of one dated session (once per session)."""
    if session.status == PlanSession.Status.CANCELLED:
        raise ImpactRefused("This session was cancelled: there is nobody to ask.")
    existing = FeedbackLink.objects.filter(session=session).first()
    if existing is not None:
        return existing
    statement = " ".join(can_statement.split())
    if not statement.lower().startswith("i can"):
        raise ImpactRefused(
            "Write the learning statement as “I can …”, from the session's objective."
        )
    link = FeedbackLink(
        session=session,
        can_statement=statement,
        closes_on=link_closes_on(session.date, today),
        created_by=user,
    )
    with_reason(link, f"Feedback link opened (closes {formats.day(link.closes_on)})")
    link.save()
    return link


def feedback_answer(*, link, answers: dict, today: dt.date) -> FeedbackResponse:
    """Save one participant's answers, if the link is still open."""
    if today > link.closes_on:
        raise ImpactRefused(
            f"This feedback form closed on {formats.day(link.closes_on)}. Thank you anyway."
        )
    response = FeedbackResponse(
        link=link,
        relevance=answers["relevance"],
        facilitation=answers["facilitation"],
        learning=answers["learning"],
        intended_use=answers["intended_use"],
        comment=answers.get("comment", "").strip()[:COMMENT_LIMIT],
        answered_on=today,
    )
    response.save()
    return response
