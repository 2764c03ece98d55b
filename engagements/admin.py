from django.contrib import admin

from engagements.models import (
    ActionItem,
    CalendarFeed,
    CheckIn,
    Engagement,
    Goal,
    GoalUpdate,
    OnboardingItem,
    PlanItem,
)


class OnboardingItemInline(admin.TabularInline):
    model = OnboardingItem
    extra = 0
    fields = ["position", "title", "done", "notes"]


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    fields = ["title", "baseline", "target", "unit", "start_date", "due_date"]


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    fields = ["position", "timing", "participants", "name", "format", "status", "planned_date"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["partner", "title", "district", "status", "contract_start", "contract_end"]
    list_filter = ["status", "district"]
    search_fields = ["title", "partner__name", "district__name"]
    autocomplete_fields = []
    raw_id_fields = ["selection", "created_by"]
    inlines = [OnboardingItemInline, GoalInline, PlanItemInline]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "engagement", "baseline", "target", "due_date"]
    search_fields = ["title", "engagement__partner__name"]


@admin.register(GoalUpdate)
class GoalUpdateAdmin(admin.ModelAdmin):
    list_display = ["goal", "date", "value"]
    raw_id_fields = ["goal", "checkin", "created_by"]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ["name", "engagement", "timing", "status"]
    list_filter = ["status"]
    raw_id_fields = ["engagement"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "district"]
    list_filter = ["kind", "district"]
    filter_horizontal = ["engagements"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "due_date", "done", "engagement"]
    list_filter = ["done"]
    raw_id_fields = ["engagement", "checkin"]


@admin.register(OnboardingItem)
class OnboardingItemAdmin(admin.ModelAdmin):
    list_display = ["title", "engagement", "done"]
    raw_id_fields = ["engagement", "done_by"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
    readonly_fields = ["token"]
