from django.contrib import admin

from interviews.models import (
    Block,
    Consensus,
    Guide,
    Interview,
    LookFor,
    NonNegotiable,
    NonNegotiableResult,
    Question,
    Rating,
    Scorecard,
    Section,
    Selection,
    ShortlistEntry,
)


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "version", "is_current", "is_default", "frozen_at"]
    list_filter = ["is_current", "is_default"]
    search_fields = ["name", "district__name"]
    inlines = [SectionInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


class LookForInline(admin.TabularInline):
    model = LookFor
    extra = 0


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section"]
    list_select_related = ["section__guide"]
    inlines = [QuestionInline, LookForInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "guide", "weight", "position"]
    list_select_related = ["guide"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "block"]
    search_fields = ["text"]


@admin.register(LookFor)
class LookForAdmin(admin.ModelAdmin):
    list_display = ["__str__", "weight", "block"]
    search_fields = ["text"]


@admin.register(NonNegotiable)
class NonNegotiableAdmin(admin.ModelAdmin):
    list_display = ["text", "guide", "selection"]


class ShortlistInline(admin.TabularInline):
    model = ShortlistEntry
    extra = 0
    autocomplete_fields = []
    raw_id_fields = ["partner", "added_by"]


@admin.register(Selection)
class SelectionAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "status", "chosen_partner", "decided_at"]
    list_filter = ["status"]
    search_fields = ["title", "district__name"]
    inlines = [ShortlistInline]


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(admin.ModelAdmin):
    list_display = ["partner", "selection", "status"]
    list_select_related = ["partner", "selection"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["partner", "selection", "scheduled_at", "status"]
    list_select_related = ["partner", "selection"]
    filter_horizontal = ["panel"]


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["panelist", "interview", "conflict", "submitted_at"]
    list_select_related = ["panelist", "interview__partner"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["scorecard", "look_for", "score", "not_addressed", "version"]
    raw_id_fields = ["scorecard", "look_for"]


@admin.register(Consensus)
class ConsensusAdmin(admin.ModelAdmin):
    list_display = ["interview", "look_for", "score", "set_by"]
    raw_id_fields = ["interview", "look_for"]


@admin.register(NonNegotiableResult)
class NonNegotiableResultAdmin(admin.ModelAdmin):
    list_display = ["interview", "non_negotiable", "status"]
