"""Writes: guides, selections, interviews, scorecards, consensus, decisions — with history."""

from interviews.services.base import (  # noqa: F401
    Locked,
    StaleVersion,
)
from interviews.services.guides import (  # noqa: F401
    guide_check_editable,
    guide_copy,
    guide_freeze,
    guide_item_add,
    guide_item_delete,
    guide_item_get,
    guide_item_kind,
    guide_item_move,
    guide_item_update,
    guide_new_version,
)
from interviews.services.rfps import (  # noqa: F401
    proposal_attach,
    proposal_for,
    proposal_review_save,
    proposal_save,
    proposal_sequence_set,
    proposal_submit,
    question_answer,
    question_ask,
    rfp_create,
    rfp_extend,
    rfp_invite,
    rfp_publish,
    rfp_section_regenerate,
    rfp_section_save,
    rfp_update,
    submission_refusal,
)
from interviews.services.scorecards import (  # noqa: F401
    conflict_resolve,
    consensus_set,
    non_negotiable_result_set,
    rating_save,
    reminders_send,
    scorecard_declare,
    scorecard_reopen,
    scorecard_submit,
    scorecard_update,
)
from interviews.services.selections import (  # noqa: F401
    interview_save,
    non_negotiable_add,
    non_negotiable_remove,
    sections_in_scope,
    selection_create,
    selection_decide,
    selection_kinds,
    selection_prefill_apply,
    selection_update,
    shortlist_add,
    shortlist_set_status,
)
