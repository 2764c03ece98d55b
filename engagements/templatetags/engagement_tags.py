"""Small presentation helpers for engagement pages and the PDF report."""

from django import template

from engagements import guidance

register = template.Library()


@register.simple_tag
def source_guidance():
    """The sources' quotes (engagements.guidance) for a template: {% source_guidance as g %}."""
    return guidance


STATUS_COLOURS = {
    "on-track": "#198754",
    "met": "#0b5394",
    "at-risk": "#b8860b",
    "off-track": "#b02a37",
    "no-data": "#adb5bd",
    "plan": "#0b5394",
}


@register.inclusion_tag("engagements/_bar.html")
def progress_bar(percent, status="plan", expected=None, label=""):
    """A server-rendered SVG bar (works on screen and in the PDF; no inline styles)."""
    percent = max(0, min(100, int(percent or 0)))
    return {
        "percent": percent,
        "expected": expected,
        "colour": STATUS_COLOURS.get(status, STATUS_COLOURS["plan"]),
        "label": label or f"{percent}%",
    }


@register.filter
def days_phrase(days):
    """'3 days late', 'due today', 'in 5 days' from a days-late count."""
    days = int(days)
    if days == 0:
        return "due today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} late"
    return f"in {-days} day{'s' if days != -1 else ''}"


@register.filter
def needs_joint(overlap, today):
    """Whether a coherence flag still asks for a joint check-in."""
    return overlap.needs_joint_checkin(today)
