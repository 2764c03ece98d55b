"""What every write shares: the two refusals (history is kept by plpg.history)."""


class StaleVersion(Exception):
    """Someone changed this since the page was loaded; carries the current row."""

    def __init__(self, current):
        super().__init__("changed by someone else")
        self.current = current


class Locked(Exception):
    """The scorecard or look-for can no longer change (submitted, consensus, conflict)."""
