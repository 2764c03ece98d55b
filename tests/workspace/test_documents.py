"""Documents with visibility, and contract amendments that keep the old terms."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagements.workspace.models import ContractAmendment, Document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


def _file(client, engagement, **data):
    payload = {
        "kind": "contract",
        "title": "Services agreement",
        "date": "2026-08-01",
        "visibility": "district",
        "file": SimpleUploadedFile("contract.pdf", PDF),
        **data,
    }
    return client.post(reverse("workspace:document_new", args=[engagement.pk]), payload)


def test_district_only_documents_never_reach_the_partner(client, engagement, manager, shared_staff):
    client.force_login(manager)
    assert _file(client, engagement, title="Board memo PRIVATE-DOC").status_code == 302
    assert (
        _file(client, engagement, title="Shared contract", visibility="shared").status_code == 302
    )
    secret = Document.objects.get(title__startswith="Board memo")
    client.force_login(shared_staff)
    html = client.get(reverse("workspace:documents", args=[engagement.pk])).content.decode()
    assert "Shared contract" in html and "PRIVATE-DOC" not in html
    url = reverse("workspace:document_file", args=[engagement.pk, secret.pk])
    assert client.get(url).status_code == 404
    shared = Document.objects.get(title="Shared contract")
    response = client.get(reverse("workspace:document_file", args=[engagement.pk, shared.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_partner_files_invoices_always_shared(client, engagement, shared_staff):
    client.force_login(shared_staff)
    assert _file(client, engagement, kind="contract").status_code == 400
    response = _file(client, engagement, kind="invoice", title="Invoice 3", visibility="district")
    assert response.status_code == 302
    invoice = Document.objects.get()
    assert invoice.visibility == "shared" and invoice.uploaded_side == "partner"


def test_bad_document_uploads_are_400(client, engagement, manager):
    client.force_login(manager)
    for data in (
        {"file": SimpleUploadedFile("x.pdf", b"not a pdf")},
        {"file": SimpleUploadedFile("x.exe", PDF)},
        {"kind": "nonsense"},
        {"visibility": "public"},
        {"date": "2026-02-30"},
    ):
        assert _file(client, engagement, **data).status_code == 400, data
    assert not Document.objects.exists()


def test_amendment_keeps_the_old_terms(client, engagement, manager, shared_staff, viewer):
    engagement.amount = Decimal("150000")
    engagement.save()
    old_start, old_end = engagement.contract_start, engagement.contract_end
    url = reverse("workspace:amendment_new", args=[engagement.pk])
    new_end = old_end + dt.timedelta(days=30)
    client.force_login(viewer)
    assert client.post(url, {"effective": "2026-11-01"}).status_code == 403
    client.force_login(shared_staff)
    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.post(url, {"effective": "2026-11-01"}).status_code == 400  # nothing changes
    response = client.post(
        url,
        {
            "effective": "2026-11-01",
            "new_end": new_end.isoformat(),
            "new_amount": "168000",
            "scope_change": "Adds two family math nights.",
            "file": SimpleUploadedFile("amendment.pdf", PDF),
        },
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.contract_end == new_end and engagement.amount == Decimal("168000")
    amendment = ContractAmendment.objects.get()
    assert (amendment.old_start, amendment.old_end, amendment.old_amount) == (
        old_start,
        old_end,
        Decimal("150000"),
    )
    assert amendment.document.kind == "amendment"
    html = client.get(reverse("workspace:documents", args=[engagement.pk])).content.decode()
    assert "$150,000" in html and "$168,000" in html and "family math nights" in html
    bad = client.post(url, {"effective": "2026-11-02", "new_start": "2031-01-01"})
    assert bad.status_code == 400 and "cannot end before it starts" in bad.content.decode()
    assert ContractAmendment.objects.count() == 1


def test_engagement_page_shows_current_terms_and_their_history(client, engagement, manager):
    from engagements.workspace.documents import amendment_record

    engagement.amount = Decimal("100000")
    engagement.save()
    amendment_record(
        engagement=engagement,
        user=manager,
        effective=dt.date(2026, 11, 1),
        new_amount=Decimal("120000"),
        scope_change="More coaching.",
    )
    client.force_login(manager)
    html = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "$120,000" in html  # current terms
    assert "$100,000" in html and "Terms history" in html  # and the old ones
