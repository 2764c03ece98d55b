"""Materials review: the partner uploads versions, the district reviews them (writes)."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from engagements.views.common import EDIT_ROLES
from engagements.workspace import review
from engagements.workspace.models import EngagementShare, Material, MaterialVersion
from partners.uploads import safe_display_name, storage_name, upload_validate
from plpg import history
from plpg.email import absolute_url, send_email
from plpg.history import with_reason
from plpg.limits import check_limit
from plpg.models import Membership

MATERIAL_KINDS = ("pdf", "pptx", "docx", "xlsx")
MATERIALS_LIMIT = 200  # per engagement (plpg.limits)
VERSIONS_LIMIT = 30  # per material


def material_upload_validate(upload) -> str:
    """The upload's kind, or ValidationError (name, size and content checked)."""
    return upload_validate(upload, kinds=MATERIAL_KINDS, max_bytes=settings.MATERIAL_MAX_BYTES)


def _store(material, upload, *, user, note) -> MaterialVersion:
    kind = material_upload_validate(upload)
    latest = material.versions.aggregate(n=Max("number"))["n"] or 0
    version = MaterialVersion(
        material=material,
        number=latest + 1,
        filename=safe_display_name(upload.name, default=f"material.{kind}"),
        kind=kind,
        size=upload.size,
        note=note.strip(),
        uploaded_by=user,
    )
    version.file.save(storage_name(owner_id=material.engagement_id, kind=kind), upload, save=False)
    version.save()
    return version


def _material_url(material) -> str:
    return absolute_url(reverse("workspace:material", args=[material.engagement_id, material.pk]))


def _tell_district(material, version) -> None:
    """Email the district's leads and PL managers: a version waits for their review."""
    engagement = material.engagement
    emails = Membership.objects.filter(
        district_id=engagement.district_id, role__in=EDIT_ROLES, user__is_active=True
    ).values_list("user__email", flat=True)
    send_email(
        to=list(emails),
        template="workspace/email/material_submitted",
        context={
            "material": material,
            "version": version,
            "engagement": engagement,
            "url": _material_url(material),
        },
    )


def _tell_partner(material, version) -> None:
    """Email the partner staff the engagement is shared with: the review's outcome."""
    engagement = material.engagement
    emails = EngagementShare.objects.filter(
        engagement=engagement, user__partner_staff__partner_id=engagement.partner_id
    ).values_list("user__email", flat=True)
    send_email(
        to=list(emails),
        template="workspace/email/material_reviewed",
        context={
            "material": material,
            "version": version,
            "engagement": engagement,
            "url": _material_url(material),
        },
    )


@transaction.atomic
def material_create(*, engagement, user, title, upload, plan_item=None, needed_by=None, note=""):
    """A new material with its first version, waiting for the district's review."""
    check_limit(
        current=engagement.materials.count(), adding=1, limit=MATERIALS_LIMIT, what="materials"
    )
    material = Material(
        engagement=engagement,
        plan_item=plan_item,
        title=title.strip(),
        needed_by=needed_by,
        created_by=user,
    )
    with_reason(material, "Submitted for review (version 1)")
    material.save()
    version = _store(material, upload, user=user, note=note)
    _tell_district(material, version)
    return material


@transaction.atomic
def version_add(*, material, user, upload, note="") -> MaterialVersion:
    """A new version of a material; it waits for review (a waiting one is superseded)."""
    material = Material.objects.select_for_update().select_related("engagement").get(pk=material.pk)
    check_limit(
        current=material.versions.count(),
        adding=1,
        limit=VERSIONS_LIMIT,
        what="versions",
        holder="a material",
    )
    latest = material.versions.first()
    if latest is not None:
        replaced = review.after_new_version(latest.status)
        if replaced:
            latest.status = replaced
            latest.save(update_fields=["status"])
    version = _store(material, upload, user=user, note=note)
    material.status = Material.Status.SUBMITTED
    with_reason(material, f"Submitted for review (version {version.number})")
    material.save(update_fields=["status", "updated_at"])
    _tell_district(material, version)
    return version


@transaction.atomic
def version_review(*, material, user, number: int, decision: str, comment="") -> MaterialVersion:
    """Approve a version or request changes to it (review.ReviewRefused if not allowed)."""
    material = Material.objects.select_for_update().select_related("engagement").get(pk=material.pk)
    latest = material.versions.first()
    version = material.versions.filter(number=number).first()
    if version is None or latest is None:
        raise review.ReviewRefused(f"This material has no version {number}.")
    version.status = review.review_outcome(
        status=version.status,
        number=number,
        latest_number=latest.number,
        decision=decision,
        comment=comment,
    )
    version.review_comment = comment.strip()
    version.reviewed_by, version.reviewed_at = user, timezone.now()
    verb = "Approved" if version.status == MaterialVersion.Status.APPROVED else "Changes requested"
    with_reason(version, f"{verb} (version {number})")
    version.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    material.status = version.status
    with_reason(material, f"{verb} (version {number})")
    material.save(update_fields=["status", "updated_at"])
    _tell_partner(material, version)
    return version


def version_downloaded(*, version, user) -> None:
    """Record a download in the engagement's history (who opened which file, when)."""
    history.note(version, reason=f"Downloaded {version.filename}", user=user)
