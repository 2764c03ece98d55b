"""Curators' admin: every directory model, CSV import/export of partners, and the
scope-and-sequence importer for a partner's sample engagement."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from import_export.admin import ImportExportModelAdmin

from partners.importer import ScopeSequenceError, import_scope_sequence
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
from partners.services import partner_index
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


class SequenceItemInline(admin.TabularInline):
    model = SequenceItem
    extra = 0
    fields = ["position", "timing", "participants", "name", "format", "description"]


@admin.register(SampleEngagement)
class SampleEngagementAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "curriculum", "cost_band", "locale", "enrollment_band"]
    list_filter = ["locale", "enrollment_band", "cost_band"]
    search_fields = ["title", "partner__name"]
    autocomplete_fields = ["partner"]
    inlines = [SequenceItemInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        partner_index(partner=form.instance.partner)


@admin.register(SequenceItem)
class SequenceItemAdmin(admin.ModelAdmin):
    list_display = ["timing", "name", "participants", "sample_engagement"]
    search_fields = ["name", "description", "sample_engagement__partner__name"]
    list_select_related = ["sample_engagement__partner"]


class SampleEngagementInline(admin.StackedInline):
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


class ScopeSequenceUploadForm(forms.Form):
    file = forms.FileField(help_text="A tab-separated scope-and-sequence table (.txt), UTF-8.")
    title = forms.CharField(
        required=False, max_length=200, help_text="Leave empty to take it from the file."
    )


# Phases, curricula and specialties are confirmed claims (/curation/, partners.curation
# claims_publish), never edited in the admin.
CLAIMED_FIELDS = ("phases", "curricula", "specialties")


@admin.register(Partner)
class PartnerAdmin(ImportExportModelAdmin):
    resource_classes = [PartnerResource]
    list_display = ["name", "status", "is_demo", "national", "hq_state", "last_reviewed"]
    list_filter = ["status", "is_demo", "national", *(t.field for t in TAXONOMIES)]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["hq_state"]
    filter_horizontal = [t.field for t in TAXONOMIES if t.field not in CLAIMED_FIELDS]
    readonly_fields = [*CLAIMED_FIELDS, "created_at", "updated_at"]
    inlines = [SampleEngagementInline]
    actions = ["publish", "archive"]
    change_form_template = "partners/admin/partner_change_form.html"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        partner_index(partner=form.instance)

    @admin.action(description="Publish the selected partners")
    def publish(self, request, queryset):
        queryset.update(status=Partner.Status.PUBLISHED)

    @admin.action(description="Archive the selected partners")
    def archive(self, request, queryset):
        queryset.update(status=Partner.Status.ARCHIVED)

    def get_urls(self):
        return [
            path(
                "<int:pk>/import-scope-sequence/",
                self.admin_site.admin_view(self.import_scope_sequence_view),
                name="partners_partner_import_scope_sequence",
            ),
            *super().get_urls(),
        ]

    def import_scope_sequence_view(self, request, pk):
        """Upload a seed-format table as one of the partner's sample engagements."""
        partner = get_object_or_404(Partner, pk=pk)
        if not self.has_change_permission(request, partner):
            return redirect("admin:index")
        form = ScopeSequenceUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read(2_000_000).decode("utf-8-sig")
                engagement = import_scope_sequence(
                    text=text, partner=partner, title=form.cleaned_data["title"]
                )
            except UnicodeDecodeError:
                form.add_error("file", "The file is not UTF-8 text.")
            except ScopeSequenceError as error:
                form.add_error("file", f"Line {error.line}: {error.message}. Nothing was saved.")
            else:
                messages.success(
                    request,
                    f"Imported “{engagement.title}” with {engagement.items.count()} rows.",
                )
                return redirect(reverse("admin:partners_partner_change", args=[partner.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import a scope and sequence for {partner}",
            "partner": partner,
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "partners/admin/import_scope_sequence.html", context)
