"""The one way in to a district's objects: scoped querysets and role checks.

Every district-owned model uses a QuerySet built on ``DistrictScopedQuerySet`` and names
the path to its district; views fetch objects with ``get_for_user_or_404``. An object of
another district is a 404, never a 403 that would confirm it exists.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404

from plpg.apps import CURATOR_GROUP
from plpg.models import District, Membership

Role = Membership.Role


def districts_for_user(user, roles=None) -> models.QuerySet:
    """The districts the user belongs to, optionally only those where they hold one of roles."""
    if not user.is_authenticated:
        return District.objects.none()
    memberships = Membership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return District.objects.filter(pk__in=memberships.values("district_id"))


class DistrictScopedQuerySet(models.QuerySet):
    """A QuerySet of district-owned rows; subclasses set ``district_field`` to the path.

    ``trash_paths`` names the rows whose ``deleted_at`` hides this one ("" for the row
    itself, "interview__" for its interview…); the model's default manager
    (``plpg.trash.LiveManager``) applies them, so trashed rows and everything under them are
    out of every query, ``for_user`` included. ``Model.all_objects`` sees the trash.
    """

    district_field = "district"
    trash_paths: tuple[str, ...] = ()

    def for_user(self, user, roles=None):
        """Only the rows of districts the user belongs to (in one of ``roles``, if given)."""
        return self.filter(**{f"{self.district_field}__in": districts_for_user(user, roles)})

    def for_district(self, district):
        return self.filter(**{self.district_field: district})


def get_for_user_or_404(queryset, user, **lookups):
    """The object matching lookups among the user's districts' rows, or Http404."""
    return get_object_or_404(queryset.for_user(user), **lookups)


def role_in(user, district) -> str | None:
    """The user's role in district, or None."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, district=district)
        .values_list("role", flat=True)
        .first()
    )


def require_role(user, district, *roles) -> str:
    """The user's role in district if it is one of roles; otherwise PermissionDenied.

    Call it only after the object was fetched through a scoped queryset, so a 403 here
    never reveals another district's data.
    """
    return check_role(role_in(user, district), *roles)


def check_role(role: str | None, *roles) -> str:
    """role if it is one of roles; otherwise PermissionDenied (require_role's rule, for a
    role read along with the object in the same query)."""
    if role not in roles:
        raise PermissionDenied("Your role in this district does not allow this.")
    return role


def curator_q() -> models.Q:
    """The curator rule as a User filter: active staff in the "curator" group, or superusers.

    ``is_curator`` asks the same question of one user; both live here so they cannot drift.
    """
    return models.Q(is_active=True, is_staff=True) & (
        models.Q(is_superuser=True) | models.Q(groups__name=CURATOR_GROUP)
    )


def is_curator(user) -> bool:
    """Directory curators: staff in the "curator" group (and the platform operator).

    Curators see the directory's whole back office (/curation/) and no district data.
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    # Cached on the user object for the request: navigation and views both ask.
    if not hasattr(user, "_is_curator"):
        user._is_curator = user.groups.filter(name=CURATOR_GROUP).exists()
    return user._is_curator
