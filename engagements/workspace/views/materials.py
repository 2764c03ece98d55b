"""Materials review: the partner uploads versions, the district approves or asks for
changes; files are served only through ``download`` (access checked, download recorded)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.workspace import materials as services
from engagements.workspace.access import DISTRICT, PARTNER, seat_for
from engagements.workspace.forms import MaterialForm, MaterialUploadForm, ReviewForm
from engagements.workspace.models import Material, MaterialVersion
from engagements.workspace.review import ReviewRefused
from engagements.workspace.views.files import private_file


def _material(seat, material_pk) -> Material:
    return get_object_or_404(
        Material.objects.select_related("plan_item", "engagement"),
        pk=material_pk,
        engagement=seat.engagement,
    )


def _page(request, seat, material, *, upload_form=None, review_form=None, error=None, status=200):
    versions = list(material.versions.select_related("uploaded_by", "reviewed_by"))
    latest = versions[0] if versions else None
    can_review = seat.can_edit and latest is not None and latest.status == "submitted"
    return render(
        request,
        "workspace/material.html",
        {
            "seat": seat,
            "engagement": seat.engagement,
            "material": material,
            "versions": versions,
            "latest": latest,
            "upload_form": upload_form or (MaterialUploadForm() if seat.is_partner else None),
            "review_form": review_form
            or (ReviewForm(initial={"number": latest.number}) if can_review else None),
            "can_review": can_review,
            "error": error,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_new(request, pk):
    """The partner's form for a new material (its first version)."""
    seat = seat_for(request, pk, sides=(PARTNER,))
    engagement = seat.engagement
    status = 200
    if request.method == "POST":
        form = MaterialForm(request.POST, request.FILES, engagement=engagement)
        if form.is_valid():
            data = form.cleaned_data
            try:
                material = services.material_create(
                    engagement=engagement,
                    user=request.user,
                    title=data["title"],
                    plan_item=data["plan_item"],
                    needed_by=data["needed_by"],
                    upload=data["file"],
                    note=data["note"],
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, "Uploaded; the district was asked to review it.")
                return redirect("workspace:material", pk=engagement.pk, material_pk=material.pk)
        status = 400
    else:
        form = MaterialForm(engagement=engagement)
    return render(
        request,
        "workspace/material_new.html",
        {"seat": seat, "engagement": engagement, "form": form},
        status=status,
    )


@login_required
@require_GET
def material(request, pk, material_pk):
    seat = seat_for(request, pk)
    return _page(request, seat, _material(seat, material_pk))


@login_required
@require_POST
def version_new(request, pk, material_pk):
    seat = seat_for(request, pk, sides=(PARTNER,))
    material = _material(seat, material_pk)
    form = MaterialUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.version_add(
                material=material,
                user=request.user,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, f"Version {version.number} uploaded for review.")
            return redirect("workspace:material", pk=pk, material_pk=material.pk)
    return _page(request, seat, material, upload_form=form, status=400)


@login_required
@require_POST
def version_review(request, pk, material_pk):
    seat = seat_for(request, pk, sides=(DISTRICT,), edit=True)
    material = _material(seat, material_pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _page(request, seat, material, review_form=form, status=400)
    data = form.cleaned_data
    try:
        version = services.version_review(
            material=material,
            user=request.user,
            number=data["number"],
            decision=data["decision"],
            comment=data["comment"],
        )
    except ReviewRefused as exc:
        return _page(request, seat, material, error=exc.message, status=409)
    messages.success(request, f"Version {version.number}: {version.get_status_display().lower()}.")
    return redirect("workspace:material", pk=pk, material_pk=material.pk)


@login_required
@require_GET
def download(request, pk, material_pk, number):
    """One version's file, to the district's members and the partner staff it is shared
    with; every download is recorded in the engagement's history."""
    seat = seat_for(request, pk)
    version = get_object_or_404(
        MaterialVersion.objects.select_related("material__engagement"),
        material_id=material_pk,
        material__engagement=seat.engagement,
        number=number,
    )
    return private_file(
        version.file,
        kind=version.kind,
        filename=version.filename,
        recorded=lambda: services.version_downloaded(version=version, user=request.user),
    )
