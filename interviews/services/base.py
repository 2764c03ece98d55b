"""What every write shares: the two refusals (history is kept by plpg.history)."""

from django.conf import settings


class StaleVersion(Exception):
    """Someone changed this since the page was loaded; carries the current row."""

    def __init__(self, current):
        super().__init__("changed by someone else")
        self.current = current


class Locked(Exception):
    """The scorecard or look-for can no longer change (submitted, consensus, conflict)."""


def absolute_url(path: str) -> str:
    """An absolute link for emails: settings.SITE_URL plus the path."""
    return settings.SITE_URL.rstrip("/") + path
