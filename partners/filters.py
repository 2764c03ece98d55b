"""The directory's filters (django-filter): OR within a parameter, AND across parameters.

Every taxonomy filter is an ``Exists`` over the many-to-many table, so no join multiplies
rows and no DISTINCT is needed. Choices come from the taxonomy the caller already loaded
(partners.selectors.taxonomy_terms), so building a filter set runs no query.
"""

from dataclasses import dataclass

import django_filters
from django.db.models import Exists, OuterRef, Q

from partners.models import Partner, SampleEngagement
from plpg.models import District


@dataclass(frozen=True)
class Group:
    """A taxonomy filter: the URL parameter, its label and the Partner many-to-many field."""

    param: str
    label: str
    field: str

    @property
    def through(self):
        return getattr(Partner, self.field).through

    @property
    def column(self) -> str:
        """The through table's column holding the term id."""
        return getattr(Partner, self.field).field.m2m_reverse_field_name() + "_id"


GROUPS = [
    Group("phase", "Phase", "phases"),
    Group("content_area", "Content area", "content_areas"),
    Group("curriculum", "Curriculum", "curricula"),
    Group("grade_band", "Grade band", "grade_bands"),
    Group("cost", "Total cost", "cost_bands"),
    Group("delivery", "Delivery", "delivery_formats"),
    Group("pl_type", "Type of PL", "pl_types"),
    Group("specialty", "Specialty", "specialties"),
    Group("state", "Works in", "states_served"),
]
GROUP_BY_PARAM = {g.param: g for g in GROUPS}

LOCALES = list(District.Locale.choices)
ENROLLMENT_BANDS = list(District.EnrollmentBand.choices)
CONTEXT_CHOICES = LOCALES + ENROLLMENT_BANDS
LOCALE_VALUES = {value for value, _ in LOCALES}


def term_exists(group: Group, ids) -> Exists:
    """Partners having at least one of the terms ``ids`` of ``group``."""
    through = group.through
    return Exists(through.objects.filter(partner_id=OuterRef("pk"), **{f"{group.column}__in": ids}))


def context_exists(values) -> Exists:
    """Partners with a sample engagement in a district of one of the locales or sizes."""
    locales = [v for v in values if v in LOCALE_VALUES]
    bands = [v for v in values if v not in LOCALE_VALUES]
    return Exists(
        SampleEngagement.objects.filter(partner_id=OuterRef("pk")).filter(
            Q(locale__in=locales) | Q(enrollment_band__in=bands)
        )
    )


class PartnerFilter(django_filters.FilterSet):
    """The directory's filters; ``terms`` maps each parameter to {slug: id}."""

    context = django_filters.MultipleChoiceFilter(
        choices=CONTEXT_CHOICES, method="filter_context", label="Districts like mine"
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, terms: dict[str, dict[str, int]], **kwargs):
        self.terms = terms
        super().__init__(data, queryset, **kwargs)
        for group in GROUPS:
            choices = [(slug, slug) for slug in terms[group.param]]
            self.filters[group.param] = django_filters.MultipleChoiceFilter(
                field_name=group.param, choices=choices, method="filter_terms", label=group.label
            )
            self.filters[group.param].parent = self

    def filter_terms(self, queryset, name, values):
        if not values:
            return queryset
        group = GROUP_BY_PARAM[name]
        ids = [self.terms[name][v] for v in values]
        if name == "state":
            return queryset.filter(Q(national=True) | term_exists(group, ids))
        return queryset.filter(term_exists(group, ids))

    def filter_context(self, queryset, name, values):
        return queryset.filter(context_exists(values)) if values else queryset
