"""The directory's filter parameters: the taxonomies of the registry and "districts like".

Values of one parameter are OR-ed, parameters AND-ed (partners.index does the matching).
"""

from partners.taxonomy import TAXONOMIES
from plpg.models import District

# The taxonomy filters, from the one registry (partners.taxonomy).
GROUPS = TAXONOMIES
GROUP_BY_PARAM = {g.param: g for g in GROUPS}

LOCALES = list(District.Locale.choices)
ENROLLMENT_BANDS = list(District.EnrollmentBand.choices)
CONTEXT_CHOICES = LOCALES + ENROLLMENT_BANDS
LOCALE_VALUES = {value for value, _ in LOCALES}
