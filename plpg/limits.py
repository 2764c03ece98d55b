"""Bounded work per request: a refusal that says which limit was reached (answered 400)."""

from django.core.exceptions import BadRequest


class LimitReached(BadRequest):
    """A write would pass one of the app's size limits; the message is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.user_message = message


def check_limit(
    *, current: int, adding: int, limit: int, what: str, holder: str = "an engagement"
) -> None:
    """Refuse adding ``adding`` more to ``current`` when that passes ``limit``."""
    if current + adding > limit:
        raise LimitReached(
            f"Not saved: {holder} holds at most {limit} {what} "
            f"(it has {current}; this would add {adding}). Remove some first, or split the work."
        )
