"""Documents (contract, scope of work, amendments, invoices…) and contract amendments that
keep the old terms (writes)."""

from django.conf import settings
from django.db import transaction

from engagements.models import Engagement
from engagements.workspace.materials import MATERIAL_KINDS
from engagements.workspace.models import ContractAmendment, Document, Side
from partners.uploads import safe_display_name, storage_name, upload_validate
from plpg import formats, history
from plpg.history import with_reason
from plpg.limits import check_limit

# What the partner may file: their invoices and other papers (always shared).
PARTNER_KINDS = (Document.Kind.INVOICE, Document.Kind.OTHER)
DOCUMENTS_LIMIT = 300  # per engagement (plpg.limits)


class DocumentRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def documents_for(seat):
    """The engagement's documents this seat may see: all for the district, shared ones for
    the partner (the one place that rule lives)."""
    documents = Document.objects.filter(engagement=seat.engagement)
    return documents.shared() if seat.is_partner else documents


@transaction.atomic
def document_add(*, engagement, user, side, kind, title, date, visibility, upload) -> Document:
    """File a document; the partner's are always shared, and only invoices or other papers."""
    if side == Side.PARTNER:
        if kind not in PARTNER_KINDS:
            raise DocumentRefused(
                "Partners file invoices and other documents; the district "
                "files the contract, the scope of work and amendments."
            )
        visibility = Document.Visibility.SHARED
    check_limit(
        current=engagement.documents.count(), adding=1, limit=DOCUMENTS_LIMIT, what="documents"
    )
    file_kind = upload_validate(upload, kinds=MATERIAL_KINDS, max_bytes=settings.MATERIAL_MAX_BYTES)
    document = Document(
        engagement=engagement,
        kind=kind,
        title=title.strip(),
        date=date,
        visibility=visibility,
        filename=safe_display_name(upload.name, default=f"document.{file_kind}"),
        file_kind=file_kind,
        size=upload.size,
        uploaded_by=user,
        uploaded_side=side,
    )
    document.file.save(storage_name(owner_id=engagement.pk, kind=file_kind), upload, save=False)
    with_reason(document, f"Filed ({document.get_visibility_display().lower()})")
    document.save()
    return document


def document_downloaded(*, document, user) -> None:
    """Record a download in the engagement's history."""
    history.note(document, reason=f"Downloaded {document.filename}", user=user)


@transaction.atomic
def amendment_record(
    *,
    engagement,
    user,
    effective,
    new_start=None,
    new_end=None,
    new_amount=None,
    scope_change="",
    upload=None,
) -> ContractAmendment:
    """Record a contract amendment: keep the terms before it, apply the new ones; the signed
    amendment (``upload``), if given, is filed as a shared document in the same transaction."""
    current = Engagement.objects.select_for_update().get(pk=engagement.pk)
    amendment = ContractAmendment(
        engagement=current,
        effective=effective,
        old_start=current.contract_start,
        old_end=current.contract_end,
        old_amount=current.amount,
        new_start=new_start or current.contract_start,
        new_end=new_end or current.contract_end,
        new_amount=new_amount if new_amount is not None else current.amount,
        scope_change=scope_change.strip(),
        recorded_by=user,
    )
    if (
        amendment.new_start == amendment.old_start
        and amendment.new_end == amendment.old_end
        and amendment.new_amount == amendment.old_amount
        and not amendment.scope_change
    ):
        raise DocumentRefused("Nothing changes: give new dates, a new amount or a change of scope.")
    if amendment.new_start and amendment.new_end and amendment.new_end < amendment.new_start:
        raise DocumentRefused("The contract cannot end before it starts.")
    if upload is not None:
        amendment.document = document_add(
            engagement=current,
            user=user,
            side=Side.DISTRICT,
            kind=Document.Kind.AMENDMENT,
            title=f"Amendment effective {formats.day(effective)}",
            date=effective,
            visibility=Document.Visibility.SHARED,
            upload=upload,
        )
    amendment.save()
    current.contract_start, current.contract_end = amendment.new_start, amendment.new_end
    current.amount = amendment.new_amount
    current.version += 1
    with_reason(current, f"Contract amended from {formats.day(effective)} (old terms kept)")
    current.save(update_fields=["contract_start", "contract_end", "amount", "version"])
    return amendment
