"""Blind scoring in history: which score rows a reader of a district's history may see.

The rule itself lives in interviews.policy; this turns it into filters on historical tables.
"""

from interviews import policy
from interviews.models import Consensus, Rating, Scorecard
from plpg.access import role_in


def score_filter(user, district):
    """An ``exclude`` callback for plpg.history readers.

    Rating and scorecard rows show where ``policy.visible_scorecards`` allows (their author;
    others once submitted and the interview's scores are visible to them); consensus rows
    where ``policy.visible_interviews`` does.
    """
    role = role_in(user, district)

    def exclude(model, queryset):
        if model is Rating:
            cards = policy.visible_scorecards(user, district, role=role).values("pk")
            return queryset.filter(scorecard_id__in=cards)
        if model is Scorecard:
            cards = policy.visible_scorecards(user, district, role=role).values("pk")
            return queryset.filter(id__in=cards)
        if model is Consensus:
            interviews = policy.visible_interviews(user, district, role=role).values("pk")
            return queryset.filter(interview_id__in=interviews)
        return queryset

    return exclude
