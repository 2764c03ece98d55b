import factory

from partners import models
from partners.models import Partner

__all__ = ["PartnerFactory", "SampleEngagementFactory", "SequenceItemFactory"]

# keyword -> (Partner many-to-many field, taxonomy model, lookup field)
TERM_FIELDS = {
    "phases": (models.Phase, "slug"),
    "content_areas": (models.ContentArea, "slug"),
    "curricula": (models.Curriculum, "slug"),
    "pl_types": (models.PLType, "slug"),
    "delivery_formats": (models.DeliveryFormat, "slug"),
    "grade_bands": (models.GradeBand, "slug"),
    "cost_bands": (models.CostBand, "slug"),
    "specialties": (models.Specialty, "slug"),
    "states_served": (models.State, "code"),
}


CLAIMED = {"phases": "phase", "curricula": "curriculum", "specialties": "specialty"}


def _terms(field):
    model, lookup = TERM_FIELDS[field]

    def set_terms(partner, create, extracted, **kwargs):
        if create and extracted:
            values = [v.upper() if lookup == "code" else v for v in extracted]
            terms = list(model.objects.filter(**{f"{lookup}__in": values}))
            assert len(terms) == len(set(values)), f"unknown {field}: {values}"
            getattr(partner, field).set(terms)
            kind = CLAIMED.get(field)
            if kind:  # the directory shows confirmed claims: keep the two in step
                for term in terms:
                    models.Claim.objects.get_or_create(
                        partner=partner, kind=kind, **{kind: term},
                        defaults={"status": models.Claim.Status.CONFIRMED},
                    )  # fmt: skip

    return factory.PostGeneration(set_terms)


class PartnerFactory(factory.django.DjangoModelFactory):
    """A published partner; pass taxonomy as slugs, e.g. phases=["launch"], states_served=["CA"]."""

    class Meta:
        model = Partner
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    summary = "Professional learning for teachers."
    status = Partner.Status.PUBLISHED

    phases = _terms("phases")
    content_areas = _terms("content_areas")
    curricula = _terms("curricula")
    pl_types = _terms("pl_types")
    delivery_formats = _terms("delivery_formats")
    grade_bands = _terms("grade_bands")
    cost_bands = _terms("cost_bands")
    specialties = _terms("specialties")
    states_served = _terms("states_served")

    @factory.post_generation
    def index(partner, create, extracted, **kwargs):
        if create:
            from partners.services import partner_index

            partner_index(partner=partner)


class SampleEngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SampleEngagement

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Sample engagement {n}")


class SequenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SequenceItem

    sample_engagement = factory.SubFactory(SampleEngagementFactory)
    position = factory.Sequence(int)
    timing = "August"
    participants = "Teachers"
    name = "Launch institute (in-person)"
