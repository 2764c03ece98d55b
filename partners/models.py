"""The directory: taxonomies and partner profiles. Public; not district data."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone


class TaxonomyTerm(models.Model):
    """A term of one of the directory's vocabularies; its slug is the URL value."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Phase(TaxonomyTerm):
    """One of exactly four phases of support (playbook)."""

    alias = models.CharField(max_length=120, blank=True, help_text="e.g. Initial Implementation")
    description = models.TextField(blank=True)

    def __str__(self):
        return f"{self.name} ({self.alias})" if self.alias else self.name


class ContentArea(TaxonomyTerm):
    pass


class Curriculum(TaxonomyTerm):
    """A high-quality instructional material (HQIM)."""

    content_area = models.ForeignKey(
        ContentArea, on_delete=models.PROTECT, related_name="curricula"
    )
    publisher = models.CharField(max_length=200, blank=True)

    class Meta(TaxonomyTerm.Meta):
        verbose_name_plural = "curricula"


class PLType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "PL type"


class DeliveryFormat(TaxonomyTerm):
    pass


class GradeBand(TaxonomyTerm):
    pass


class CostBand(TaxonomyTerm):
    """The five total-cost bands of the seed's scope-and-sequence header."""

    min_amount = models.PositiveIntegerField(null=True, blank=True)
    max_amount = models.PositiveIntegerField(null=True, blank=True)


class State(TaxonomyTerm):
    """A US state or DC; the slug is the lower-case two-letter code."""

    code = models.CharField(max_length=2, unique=True)

    class Meta(TaxonomyTerm.Meta):
        ordering = ["name"]


class Specialty(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name_plural = "specialties"


def published_q(prefix: str = "", *, today=None) -> Q:
    """The one rule for "shown in the public directory": published, and reviewed within the
    last 15 months (partners.renewal). ``prefix`` reaches it from a related model
    ("partner__"), so the index, the SQL search and the profile all ask the same question."""
    from partners.renewal import hidden_before

    cutoff = hidden_before(today or timezone.localdate())
    return Q(**{f"{prefix}status": Partner.Status.PUBLISHED}) & (
        Q(**{f"{prefix}last_reviewed__isnull": True}) | Q(**{f"{prefix}last_reviewed__gt": cutoff})
    )


class PartnerQuerySet(models.QuerySet):
    def published(self):
        """Partners the public directory shows (published_q)."""
        return self.filter(published_q())

    def visible_to(self, user):
        """Published partners; curators also see drafts, archived and lapsed profiles."""
        from plpg.access import is_curator

        if is_curator(user):
            return self
        return self.published()


class Partner(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    hq_state = models.ForeignKey(
        State, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    national = models.BooleanField(default=False, help_text="Works in every state.")
    states_served = models.ManyToManyField(State, blank=True, related_name="partners")
    phases = models.ManyToManyField(Phase, blank=True, related_name="partners")
    content_areas = models.ManyToManyField(ContentArea, blank=True, related_name="partners")
    curricula = models.ManyToManyField(Curriculum, blank=True, related_name="partners")
    pl_types = models.ManyToManyField(PLType, blank=True, related_name="partners")
    delivery_formats = models.ManyToManyField(DeliveryFormat, blank=True, related_name="partners")
    grade_bands = models.ManyToManyField(GradeBand, blank=True, related_name="partners")
    cost_bands = models.ManyToManyField(CostBand, blank=True, related_name="partners")
    specialties = models.ManyToManyField(Specialty, blank=True, related_name="partners")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_demo = models.BooleanField(default=False, help_text="Fictional partner of the demo data.")
    last_reviewed = models.DateField(null=True, blank=True)
    # The last renewal reminder (manage.py send_profile_renewal_reminders), so it goes monthly.
    renewal_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Text search: the words of the curricula and sample engagements, gathered by
    # partners.services.partner_index (a page never joins them at search time), and on
    # PostgreSQL the weighted tsvector built from it, served by a GIN index.
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"], name="partner_status_name")]

    def __str__(self):
        return self.name


class SampleEngagement(models.Model):
    """A partner's example engagement: context, goals and a scope-and-sequence table."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="sample_engagements"
    )
    title = models.CharField(max_length=200)
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content_area = models.ForeignKey(
        ContentArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pl_type = models.ForeignKey(
        PLType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cost_band = models.ForeignKey(
        CostBand, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    district_context = models.TextField(blank=True)
    # "Districts like mine": the kind of district this engagement served (plpg.District choices).
    locale = models.CharField(max_length=10, blank=True)
    enrollment_band = models.CharField(max_length=20, blank=True)
    goals = models.TextField(blank=True, help_text="The goals narrative.")
    notes = models.TextField(blank=True, help_text="Footnotes, e.g. what the cost includes.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partner", "position", "pk"]

    def __str__(self):
        return f"{self.partner}: {self.title}"


class SequenceItem(models.Model):
    """One row of a scope-and-sequence table, as the seed tables have them."""

    sample_engagement = models.ForeignKey(
        SampleEngagement, on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(default=0)
    timing = models.CharField(max_length=200)
    participants = models.CharField(max_length=300)
    name = models.CharField(max_length=300, help_text="Name of PL and format, as given.")
    format = models.CharField(max_length=100, blank=True, help_text="Virtual, in-person, hybrid…")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["sample_engagement", "position"]

    def __str__(self):
        return f"{self.timing}: {self.name}"


class DirectoryChange(models.Model):
    """One row per statement that changed something the directory index reads.

    Database triggers (partners.triggers) insert it on every write to those tables, however
    the write is made. Inserting never waits on another writer (the old single revision row
    made every directory write queue behind the others). partners.index reads the count and
    newest id as its revision token: a change committed late with a smaller id still
    changes the count. Old rows are pruned by the triggers themselves.
    """

    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.pk} at {self.changed_at:%Y-%m-%d %H:%M:%S}"


# Partner staff, drafts, claims and gateway reviews (the provider portal and curation).
from partners.models_portal import (  # noqa: E402, F401
    Claim,
    GatewayReview,
    PartnerInvitation,
    PartnerStaff,
    ProfileDraft,
)
