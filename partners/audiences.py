"""Who a partner's professional learning serves, and the audiences a set of phases implies.

Declared here, in the directory, because both a selection's RFP (interviews) and an
engagement (engagements) name them, and imports point from those apps to partners.
"""

from django.db import models


class Audience(models.TextChoices):
    """Who the partner works with (the educators whose overlap the coherence check looks at)."""

    TEACHERS = "teachers", "Teachers"
    COACHES = "coaches", "Coaches"
    SCHOOL_LEADERS = "school-leaders", "School leaders"
    DISTRICT_LEADERS = "district-leaders", "District leaders"


def audiences_for_phases(phase_slugs) -> list[str]:
    """Teachers for every phase but leader support (and for none); leaders for leader support."""
    slugs = list(phase_slugs)
    audiences = []
    if any(slug != "ongoing-leaders" for slug in slugs) or not slugs:
        audiences.append(Audience.TEACHERS)
    if "ongoing-leaders" in slugs:
        audiences += [Audience.SCHOOL_LEADERS, Audience.DISTRICT_LEADERS]
    return audiences
