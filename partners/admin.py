"""The directory in the admin: taxonomy terms (editable), partners and their sample
engagements (read-only), CSV export and import of partners.

A profile changes only through drafts in /curation/ and the one publication path
(``partners.curation.draft_approve``), so the admin never edits a profile: partners, sample
engagements and their rows are view-only here, new partners start at /curation/partners/new/,
and the CSV import brings in applicants only (partners.resources). Archiving a partner
(leaving the directory) stays an admin action.
"""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from partners.models import (
    ContentArea,
    CostBand,
    Curriculum,
    DeliveryFormat,
    GradeBand,
    Partner,
    Phase,
    PLType,
    SampleEngagement,
    SequenceItem,
    Specialty,
    State,
)
from partners.resources import PartnerResource
from partners.taxonomy import TAXONOMIES


class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ContentArea, PLType, DeliveryFormat, GradeBand, Specialty)
class PlainTermAdmin(TermAdmin):
    pass


@admin.register(Phase)
class PhaseAdmin(TermAdmin):
    list_display = ["name", "alias", "slug", "position"]


@admin.register(Curriculum)
class CurriculumAdmin(TermAdmin):
    list_display = ["name", "content_area", "publisher", "slug", "position"]
    list_filter = ["content_area"]


@admin.register(CostBand)
class CostBandAdmin(TermAdmin):
    list_display = ["name", "slug", "min_amount", "max_amount", "position"]


@admin.register(State)
class StateAdmin(TermAdmin):
    list_display = ["name", "code", "slug"]
    list_editable = []


class ReadOnlyAdminMixin:
    """Profile content: shown, never added, changed or deleted here (drafts do that)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SequenceItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SequenceItem
    extra = 0
    fields = ["position", "timing", "participants", "name", "format", "description"]


@admin.register(SampleEngagement)
class SampleEngagementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "partner", "curriculum", "cost_band", "locale", "enrollment_band"]
    list_filter = ["locale", "enrollment_band", "cost_band"]
    search_fields = ["title", "partner__name"]
    autocomplete_fields = ["partner"]
    inlines = [SequenceItemInline]
    list_select_related = ["partner", "curriculum", "cost_band"]


@admin.register(SequenceItem)
class SequenceItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["timing", "name", "participants", "sample_engagement"]
    search_fields = ["name", "description", "sample_engagement__partner__name"]
    list_select_related = ["sample_engagement__partner"]


class SampleEngagementInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = SampleEngagement
    extra = 0
    show_change_link = True
    fields = [
        "title",
        "curriculum",
        "content_area",
        "pl_type",
        "cost_band",
        "locale",
        "enrollment_band",
    ]

    def get_queryset(self, request):
        # The read-only rows show their terms and name (partner: title): read them with the rows.
        return (
            super()
            .get_queryset(request)
            .select_related("partner", "curriculum", "content_area", "pl_type", "cost_band")
        )


@admin.register(Partner)
class PartnerAdmin(ImportExportModelAdmin):
    resource_classes = [PartnerResource]
    list_display = ["name", "status", "is_demo", "national", "hq_state", "last_reviewed"]
    list_filter = ["status", "is_demo", "national", *(t.field for t in TAXONOMIES)]
    search_fields = ["name", "slug", "summary"]
    list_select_related = ["hq_state"]
    inlines = [SampleEngagementInline]
    actions = ["archive"]
    change_form_template = "partners/admin/partner_change_form.html"

    def has_add_permission(self, request):
        return False  # /curation/partners/new/ (an applicant, reviewed through gateways)

    def has_change_permission(self, request, obj=None):
        return False  # drafts in /curation/, published by partners.curation.draft_approve

    @admin.action(description="Archive the selected partners (they leave the directory)")
    def archive(self, request, queryset):
        queryset.update(status=Partner.Status.ARCHIVED)
