"""Blind scoring in history: which score rows a reader of a district's history may see."""

from interviews.models import Consensus, Rating, Scorecard


def score_filter(user, district):
    """An ``exclude`` callback for plpg.history readers.

    Rating and scorecard rows show to their author, and to others only once the scorecard
    is submitted and the panel's scores are visible to them; consensus rows only where the
    interview's scores are visible to them.
    """
    cache = {}

    def visible():
        if "ids" not in cache:
            open_selections = set(
                Scorecard.objects.filter(
                    panelist=user,
                    submitted_at__isnull=True,
                    interview__selection__district=district,
                ).values_list("interview__selection_id", flat=True)
            )
            cards = Scorecard.objects.filter(interview__selection__district=district).values_list(
                "pk", "panelist_id", "submitted_at", "interview_id", "interview__selection_id"
            )
            scorecards, interviews = set(), set()
            for pk, panelist_id, submitted_at, interview_id, selection_id in cards:
                shown = selection_id not in open_selections
                if panelist_id == user.pk or (submitted_at is not None and shown):
                    scorecards.add(pk)
                if shown:
                    interviews.add(interview_id)
            cache["ids"] = scorecards, interviews
        return cache["ids"]

    def exclude(model, queryset):
        if model is Rating:
            return queryset.filter(scorecard_id__in=visible()[0])
        if model is Scorecard:
            return queryset.filter(id__in=visible()[0])
        if model is Consensus:
            return queryset.filter(interview_id__in=visible()[1])
        return queryset

    return exclude
