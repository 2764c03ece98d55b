"""Blind scoring: who may see the panel's scores. The one place this rule lives.

Every page, htmx fragment, PDF, history view and export that shows ratings, consensus,
recommendations, results, the comparison matrix or its chart asks this module first.

The rule (docs/blind-scoring.md has the reasoning and the test matrix):

1. Only members of the interview's district see scores at all.
2. Someone who still owes a scorecard anywhere in the selection sees no scores of that
   selection: not this interview's, not another interview's, not the comparison. A
   scorecard is owed while it is neither submitted, recused nor withdrawn — whatever the
   interview's status, so cancelling an interview (and reinstating it) never unblinds
   anyone. Being on a panel without a scorecard row counts as owing one.
3. A panelist (the "interviewer" role) sees the scores of an interview only if they were on
   its panel and are done with it (submitted or recused), and the selection's comparison
   only once they are done with at least one of its interviews.
4. Leads, PL managers and viewers who owe nothing see the submitted scores.

Consensus is a separate gate (``consensus_open``): the lead sets it only once every active
panelist submitted or the lead closed the interview (status completed), and only when the
lead may see the scores (rule 2 applies to leads who are on a panel too).
"""

from django.db.models import Exists, OuterRef, Q

from interviews.models import Interview, Scorecard, Selection
from plpg.access import Role, role_in

_UNKNOWN = object()

BLIND_MESSAGE = (
    "Scoring is blind: the panel's scores are shown once you have submitted your own "
    "scorecards in this selection (panelists see the interviews they were on)."
)

# Roles that see scores when they owe nothing (rule 4); interviewers follow rule 3.
_READERS = (Role.LEAD, Role.MANAGER, Role.VIEWER)


def owed_scorecards(user, selection: Selection):
    """The user's scorecards in the selection that still wait for them (rule 2)."""
    return Scorecard.objects.filter(
        panelist=user,
        interview__selection=selection,
        submitted_at__isnull=True,
        withdrawn_at__isnull=True,
    ).exclude(conflict=Scorecard.Conflict.RECUSED)


def _owes(user):
    """Interview-level condition: user owes a scorecard on it (rule 2; OuterRef is the interview)."""
    owed = Scorecard.objects.filter(
        interview=OuterRef("pk"),
        panelist=user,
        submitted_at__isnull=True,
        withdrawn_at__isnull=True,
    ).exclude(conflict=Scorecard.Conflict.RECUSED)
    any_card = Scorecard.objects.filter(interview=OuterRef("pk"), panelist=user)
    on_panel = Interview.panel.through.objects.filter(interview=OuterRef("pk"), user=user)
    return Exists(owed) | (Exists(on_panel) & ~Exists(any_card))


def still_scoring(user, selection: Selection) -> bool:
    """Whether the user owes a scorecard in the selection (1 query; the condition is ``_owes``)."""
    if not user.is_authenticated:
        return False
    return Interview.objects.filter(selection=selection).filter(_owes(user)).exists()


def _role(user, district, role):
    return role_in(user, district) if role is _UNKNOWN else role


def visible_interviews(user, district, *, role=_UNKNOWN):
    """The district's interviews whose panel scores user may see (rules 1–4), as a queryset.

    ``scores_visible_to`` asks it about one interview; history readers filter whole tables
    of score rows with it (interviews.history), so the rule has one body.
    """
    if not user.is_authenticated:
        return Interview.objects.none()
    role = _role(user, district, role)
    in_district = Interview.objects.filter(selection__district=district)
    owing = in_district.filter(_owes(user)).values("selection_id")
    shown = in_district.exclude(selection_id__in=owing)
    if role in _READERS:
        return shown
    if role == Role.INTERVIEWER:
        done = Scorecard.objects.filter(interview=OuterRef("pk"), panelist=user).filter(
            Q(submitted_at__isnull=False) | Q(conflict=Scorecard.Conflict.RECUSED)
        )
        return shown.filter(Exists(done))
    return Interview.objects.none()


def visible_scorecards(user, district, *, role=_UNKNOWN):
    """The district's scorecards whose ratings, notes and recommendation user may see: their
    own, and submitted ones of interviews in ``visible_interviews`` (``rating_visible_to``)."""
    if not user.is_authenticated:
        return Scorecard.objects.none()
    interviews = visible_interviews(user, district, role=role)
    return Scorecard.objects.filter(interview__selection__district=district).filter(
        Q(panelist=user) | Q(submitted_at__isnull=False, interview__in=interviews)
    )


def scores_visible_to(user, interview: Interview, *, role=_UNKNOWN) -> bool:
    """Whether user may see the panel's scores of this interview (rules 1–4; 1 query).

    ``role`` is the user's role in the interview's district when the caller already has it.
    """
    district = interview.selection.district
    return visible_interviews(user, district, role=role).filter(pk=interview.pk).exists()


def selection_scores_visible_to(user, selection: Selection, *, role=_UNKNOWN) -> bool:
    """Whether user may see the selection's comparison matrix, chart and report (rules 1–4)."""
    return _scores_visible(
        user, selection, role, Scorecard.objects.filter(interview__selection=selection)
    )


def _scores_visible(user, selection: Selection, role, cards) -> bool:
    """Rules 1–4 for one interview or a whole selection; ``cards`` are the scorecards that
    count as "done with it" for a panelist (rule 3)."""
    if not user.is_authenticated:
        return False
    role = _role(user, selection.district, role)
    if role is None or still_scoring(user, selection):
        return False
    if role in _READERS:
        return True
    if role == Role.INTERVIEWER:
        return (
            cards.filter(panelist=user)
            .filter(Q(submitted_at__isnull=False) | Q(conflict=Scorecard.Conflict.RECUSED))
            .exists()
        )
    return False


def rating_visible_to(user, scorecard: Scorecard, *, role=_UNKNOWN) -> bool:
    """Whether user may see this one scorecard's ratings, notes and recommendation.

    Its author always may; anyone else only once it is submitted and the interview's scores
    are visible to them. History views use this for every rating line they show.
    """
    if user.is_authenticated and scorecard.panelist_id == user.pk:
        return True
    return scorecard.submitted_at is not None and scores_visible_to(
        user, scorecard.interview, role=role
    )


def consensus_open(interview: Interview) -> bool:
    """Consensus may be set: every active panelist submitted, or the lead closed the interview.

    Both end in status "completed" (interviews.lifecycle moves it there), so this is the
    status check; a cancelled or no-show interview has no consensus.
    """
    return interview.status == Interview.Status.COMPLETED


def consensus_refusal(user, interview: Interview, *, role=_UNKNOWN) -> str:
    """Why user may not set consensus on this interview now ('' if they may)."""
    role = _role(user, interview.selection.district, role)
    if role != Role.LEAD:
        return "Only the district lead sets consensus."
    if not consensus_open(interview):
        return (
            "Consensus can be set once every active panelist has submitted their scorecard "
            "or you have closed the interview."
        )
    if not scores_visible_to(user, interview, role=role):
        return "Submit your own scorecards in this selection first; scoring is blind until then."
    return ""
