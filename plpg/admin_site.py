"""The Django admin, split by who runs it.

- A **curator** (staff, in the "curator" group, not superuser) manages the public
  directory: the models of the apps in ``CURATOR_APPS``. Every other registered model —
  district data (selections, interviews, scorecards, ratings, consensus, engagements,
  check-ins, history), districts, memberships, invitations, users, the email queue — is
  404 for them, whatever permissions they were given by mistake; the index lists only
  what they may open.
- A **superuser** (the platform operator) manages districts and memberships too; even
  then ``READ_ONLY_MODELS`` (what panelists wrote) cannot be added, changed or deleted,
  and every admin page showing them is recorded in ``AdminViewLog``.

The rule is applied to the registry itself (``admin_view``), so a model registered later
is covered without touching its ModelAdmin; tests/plpg/test_admin_split.py walks the
registry to prove it.
"""

from functools import update_wrapper

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404

CURATOR_APPS = {"partners"}
READ_ONLY_MODELS = {
    "interviews.scorecard",
    "interviews.rating",
    "interviews.consensus",
    "interviews.nonnegotiableresult",
}


def curator_may_reach(model) -> bool:
    return model._meta.app_label in CURATOR_APPS


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _deny(request, *args, **kwargs):
    return False


class PlpgAdminSite(admin.AdminSite):
    site_header = "PLPG administration"
    site_title = "PLPG admin"

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, admin_class, **options)
        models = (
            model_or_iterable
            if isinstance(model_or_iterable, list | tuple)
            else [model_or_iterable]
        )
        for model in models:
            if _label(model) in READ_ONLY_MODELS:
                model_admin = self._registry[model]
                model_admin.has_add_permission = _deny
                model_admin.has_change_permission = _deny
                model_admin.has_delete_permission = _deny

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)
        model_admin = getattr(view, "__self__", None)
        model = getattr(model_admin, "model", None)
        if model is None and getattr(view, "__name__", "") != "shortcut":
            return inner

        def guarded(request, *args, **kwargs):
            target = model
            if target is None:  # /admin/r/<content type>/<id>/: "view on site"
                try:
                    target = ContentType.objects.get_for_id(kwargs["content_type_id"]).model_class()
                except (ContentType.DoesNotExist, KeyError):
                    raise Http404 from None
            user = request.user
            if target is not None and not user.is_superuser and not curator_may_reach(target):
                raise Http404("Not in the directory.")
            response = inner(request, *args, **kwargs)
            if (
                target is not None
                and _label(target) in READ_ONLY_MODELS
                and user.is_superuser
                and response.status_code == 200
            ):
                from plpg.models import AdminViewLog

                AdminViewLog.objects.create(
                    user=user,
                    model=_label(target),
                    object_id=kwargs.get("object_id") or "",
                    path=request.get_full_path()[:500],
                )
            return response

        return update_wrapper(guarded, inner)

    def autocomplete_view(self, request):
        """Autocomplete lists the objects of a related model: only directory ones for
        curators."""
        if not request.user.is_superuser:
            try:
                source = apps.get_model(request.GET["app_label"], request.GET["model_name"])
                remote = source._meta.get_field(request.GET["field_name"]).remote_field.model
            except (KeyError, LookupError, AttributeError, FieldDoesNotExist):
                raise Http404 from None
            if not (curator_may_reach(source) and curator_may_reach(remote)):
                raise Http404
        return super().autocomplete_view(request)
