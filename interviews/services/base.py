"""What every write shares: the two refusals and the history of who changed what."""

from interviews.models import HistoryEntry


class StaleVersion(Exception):
    """Someone changed this since the page was loaded; carries the current row."""

    def __init__(self, current):
        super().__init__("changed by someone else")
        self.current = current


class Locked(Exception):
    """The scorecard or look-for can no longer change (submitted, consensus, conflict)."""


def history_record(*, selection, actor, action, target="", before="", after="", interview=None):
    """Write one history line: who changed what, when."""
    return HistoryEntry.objects.create(
        selection=selection,
        interview=interview,
        actor=actor,
        action=action,
        target=str(target)[:300],
        before=str(before),
        after=str(after),
    )
