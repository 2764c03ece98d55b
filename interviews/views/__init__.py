"""Views of selections, interviews, scoring, guides and PDFs (one module per feature)."""

from interviews.views.guides import (  # noqa: F401
    guide_block_add,
    guide_copy,
    guide_detail,
    guide_item_delete,
    guide_item_move,
    guide_item_update,
    guide_list,
    guide_look_for_add,
    guide_new_version,
    guide_non_negotiable_add,
    guide_question_add,
    guide_settings,
)
from interviews.views.interviews import (  # noqa: F401
    conflict_resolve,
    consensus_set,
    interview_create,
    interview_detail,
    interview_edit,
    interview_history,
    interview_status,
    non_negotiable_result,
    scorecard_reopen,
)
from interviews.views.pdfs import interview_packet, interview_report, selection_report  # noqa: F401
from interviews.views.scoring import (  # noqa: F401
    score,
    score_declare,
    score_rate,
    score_submit,
    score_summary,
)
from interviews.views.selections import (  # noqa: F401
    non_negotiable_add,
    non_negotiable_delete,
    selection_create,
    selection_decide,
    selection_detail,
    selection_edit,
    selection_history,
    selection_list,
    selection_status,
    shortlist_add,
    shortlist_status,
)
