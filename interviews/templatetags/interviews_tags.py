import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key], or None."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def score(value):
    """A score to two decimals, or an em dash when there is none."""
    if value is None:
        return "—"
    return f"{value:.2f}"


@register.filter
def signed(value):
    if value is None:
        return "—"
    return f"{value:+.2f}"


@register.filter
def result_for(results, look_for_id):
    return results.look_for(look_for_id) if results else None


@register.filter
def value_label(value):
    """A scoring.Value (or Rating/Consensus) as the panel reads it."""
    if value is None:
        return "—"
    if getattr(value, "not_addressed", False):
        return "N/A"
    return str(value.score) if value.score else "—"


@register.simple_tag
def rating_value(rating):
    """The radio value a rating stands for: '1'–'4', 'na' or ''."""
    if rating is None:
        return ""
    if rating.not_addressed:
        return "na"
    return str(rating.score) if rating.score else ""


HYPHENATED = re.compile(r"\S*\w-\w\S*")


@register.filter
def unbroken_hyphens(text):
    """Escape text and keep hyphenated words on one line (PDF text extraction stays exact).

    A line break after "high-" reads back from the PDF as "highquality"; nowrap spans
    around hyphenated words keep every question word for word.
    """
    escaped = conditional_escape(text)
    return mark_safe(HYPHENATED.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', escaped))


@register.inclusion_tag("interviews/_my_interviews.html", takes_context=True)
def my_interviews(context):
    """The signed-in panelist's interviews in the active district ("My interviews")."""
    from interviews.selectors import my_interviews as groups_for

    request = context["request"]
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"groups": None}
    return {"groups": groups_for(request.user, membership.district)}


@register.filter
def rfp_blocks(text):
    """An RFP section's text as blocks (interviews.rfp_text.text_blocks: page and PDF)."""
    from interviews.rfp_text import text_blocks

    return text_blocks(text)


@register.inclusion_tag("interviews/portal/_open_rfps.html")
def open_rfps(partner):
    """The RFPs a partner is invited to and may still answer (the portal's home lists them)."""
    from django.utils import timezone

    from interviews.models import RFP

    rfps = (
        RFP.objects.filter(
            status=RFP.Status.PUBLISHED,
            invitations__partner=partner,
            proposals_due__gt=timezone.now(),
        )
        .select_related("selection__district")
        .order_by("proposals_due")
        .distinct()[:10]
    )
    return {"rfps": list(rfps)}
