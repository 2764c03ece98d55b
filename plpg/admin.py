from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from plpg.models import AdminViewLog, District, Holiday, Invitation, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "district"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [MembershipInline]


class HolidayInline(admin.TabularInline):
    """The district's non-working days: computed due dates move to the working day before."""

    model = Holiday
    extra = 1


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "locale", "enrollment_band", "is_demo"]
    list_filter = ["state", "locale", "enrollment_band", "is_demo"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, HolidayInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "role"]
    list_filter = ["role", "district"]
    search_fields = ["user__email", "district__name"]
    autocomplete_fields = ["user", "district"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "district",
        "role",
        "sent_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role", "district"]
    search_fields = ["email", "district__name"]
    readonly_fields = ["token_hash", "invited_by", "accepted_by", "created_at"]


@admin.register(AdminViewLog)
class AdminViewLogAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "model", "object_id", "path"]
    list_filter = ["model"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
