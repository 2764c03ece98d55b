import factory
from django.utils import timezone

from interviews.guide_data import guide_templates_load
from interviews.models import Guide, Interview, Scorecard, Selection, ShortlistEntry
from interviews.services import interview_save, sections_in_scope
from partners.models import Partner, Phase
from tests.factories.core import DistrictFactory

__all__ = [
    "GuidePartnerFactory",
    "SelectionFactory",
    "ShortlistEntryFactory",
    "interview_for",
    "playbook_guide",
    "ready_scorecard",
]


class GuidePartnerFactory(factory.django.DjangoModelFactory):
    """A published partner (interviews' own, so tests don't wait on the directory's)."""

    class Meta:
        model = Partner
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    status = Partner.Status.PUBLISHED


class SelectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Selection
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Selection {n}")
    guide = factory.LazyFunction(lambda: playbook_guide())

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create:
            slugs = extracted if extracted is not None else ["launch"]
            for slug in slugs:
                phase, _ = Phase.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
                self.phases.add(phase)


class ShortlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortlistEntry

    selection = factory.SubFactory(SelectionFactory)
    partner = factory.SubFactory(GuidePartnerFactory)


def playbook_guide() -> Guide:
    """The playbook template (reloaded when a transactional test flushed the migration's rows)."""
    guide_templates_load()
    return Guide.objects.templates().get(key="playbook")


def interview_for(selection, *, panel, partner=None, guide=None, when=None) -> Interview:
    """An interview of selection with the given panel (scorecards created), scoped as usual."""
    guide = guide or selection.guide or playbook_guide()
    partner = partner or GuidePartnerFactory()
    interview = Interview(
        selection=selection,
        partner=partner,
        guide=guide,
        scheduled_at=when or timezone.now() - timezone.timedelta(hours=2),
    )
    sections = list(sections_in_scope(guide=guide, selection=selection))
    return interview_save(interview=interview, panel=panel, sections=sections, user=None)


def ready_scorecard(interview, user) -> Scorecard:
    card = Scorecard.objects.get(interview=interview, panelist=user)
    card.conflict = Scorecard.Conflict.NONE
    card.save()
    return card
