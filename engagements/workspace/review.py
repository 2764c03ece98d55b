"""The materials review state machine, as pure functions (no queries).

A version is submitted; the district approves it or requests changes (with a comment);
the partner answers changes with a new version. A version replaced while it waited is
"superseded". Reviewed versions never change again, approved ones above all (frozen).
"""

from engagements.workspace.models import MaterialVersion

Status = MaterialVersion.Status
APPROVE, REQUEST_CHANGES = "approve", "changes"


class ReviewRefused(Exception):
    """A review or upload that the state machine does not allow; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def after_new_version(latest_status: str | None) -> str | None:
    """What happens to the latest version when a new one is uploaded (None: nothing)."""
    if latest_status == Status.SUBMITTED:
        return Status.SUPERSEDED
    return None  # reviewed versions (approved: frozen) stay as they were


def review_outcome(
    *, status: str, number: int, latest_number: int, decision: str, comment: str
) -> str:
    """The reviewed version's new status, or ReviewRefused."""
    if number != latest_number:
        raise ReviewRefused(
            f"Version {number} is not the latest: version {latest_number} was uploaded since. "
            "Review that one."
        )
    if status != Status.SUBMITTED:
        raise ReviewRefused(
            f"Version {number} was already reviewed ({Status(status).label.lower()})."
        )
    if decision == APPROVE:
        return Status.APPROVED
    if decision == REQUEST_CHANGES:
        if not comment.strip():
            raise ReviewRefused("Say what should change: the partner sees your comment.")
        return Status.CHANGES
    raise ReviewRefused("Choose approve or request changes.")
