"""Materials review: upload checks, the state machine, frozen approvals, access to files,
downloads in history, emails to the other side, the dashboard."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagements.workspace import review
from engagements.workspace.models import Material, MaterialVersion
from plpg.history import object_records, records_under
from tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml(folder="ppt/"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}presentation.xml", "<p/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


def _new(client, engagement, name="deck.pdf", content=PDF, **extra):
    data = {"title": "Unit 3 launch deck", "file": SimpleUploadedFile(name, content), **extra}
    return client.post(reverse("workspace:material_new", args=[engagement.pk]), data)


def _review(client, material, number, decision, comment=""):
    url = reverse("workspace:version_review", args=[material.engagement_id, material.pk])
    return client.post(url, {"number": number, "decision": decision, "comment": comment})


def _upload(client, material, name="deck-v2.pdf", content=PDF):
    url = reverse("workspace:version_new", args=[material.engagement_id, material.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content), "note": "Fixed slide 4"})


def test_upload_review_cycle_with_emails(client, engagement, shared_staff, manager, media):
    row = PlanItemFactory(engagement=engagement, name="Unit 3 launch")
    mail.outbox.clear()
    client.force_login(shared_staff)
    response = _new(client, engagement, plan_item=row.pk, needed_by="2030-01-10")
    assert response.status_code == 302, response.content.decode()[:3000]
    material = Material.objects.get()
    assert material.plan_item == row and material.status == "submitted"
    [v1] = material.versions.all()
    assert v1.file.name.startswith(f"materials/{engagement.pk}/") and v1.kind == "pdf"
    assert (media / v1.file.name).read_bytes() == PDF
    assert [m.to for m in mail.outbox] == [["manager@home.test"]]
    assert "waits for your review" in mail.outbox[0].subject

    client.force_login(manager)
    assert _review(client, material, 1, "changes").status_code == 400  # a comment is needed
    response = _review(client, material, 1, "changes", "Use the district's lesson template")
    assert response.status_code == 302
    v1.refresh_from_db()
    assert v1.status == "changes" and v1.review_comment.startswith("Use the district")
    assert mail.outbox[-1].to == ["staff@partner.test"]
    assert "district's lesson template" in mail.outbox[-1].body

    client.force_login(shared_staff)
    page = client.get(reverse("workspace:material", args=[engagement.pk, material.pk]))
    assert "Use the district&#x27;s lesson template" in page.content.decode()
    assert _upload(client, material).status_code == 302
    client.force_login(manager)
    assert _review(client, material, 2, "approve").status_code == 302
    material.refresh_from_db()
    assert material.status == "approved"
    assert list(material.versions.values_list("number", "status")) == [
        (2, "approved"),
        (1, "changes"),
    ]


def test_approved_versions_are_frozen_and_stale_reviews_refused(
    client, engagement, shared_staff, manager
):
    client.force_login(shared_staff)
    _new(client, engagement)
    material = Material.objects.get()
    client.force_login(manager)
    assert _review(client, material, 1, "approve").status_code == 302
    response = _review(client, material, 1, "changes", "too late")
    assert response.status_code == 409 and "already reviewed" in response.content.decode()
    client.force_login(shared_staff)
    _upload(client, material)  # v2 after approval: a new review; v1 stays approved
    _upload(client, material)  # v3 replaces v2 before review
    client.force_login(manager)
    response = _review(client, material, 2, "approve")
    assert response.status_code == 409 and "not the latest" in response.content.decode()
    statuses = dict(material.versions.values_list("number", "status"))
    assert statuses == {1: "approved", 2: "superseded", 3: "submitted"}
    v1 = material.versions.get(number=1)
    assert v1.review_comment == "" and v1.status == "approved"


@pytest.mark.parametrize(
    ("status", "number", "latest", "decision", "comment", "outcome"),
    [
        ("submitted", 1, 1, "approve", "", "approved"),
        ("submitted", 1, 1, "changes", "fix it", "changes"),
        ("submitted", 1, 1, "changes", "  ", None),
        ("submitted", 1, 1, "publish", "", None),
        ("submitted", 1, 2, "approve", "", None),
        ("approved", 1, 1, "changes", "x", None),
        ("changes", 1, 1, "approve", "", None),
        ("superseded", 1, 2, "approve", "", None),
    ],
)
def test_review_state_machine(status, number, latest, decision, comment, outcome):
    if outcome is None:
        with pytest.raises(review.ReviewRefused):
            review.review_outcome(
                status=status,
                number=number,
                latest_number=latest,
                decision=decision,
                comment=comment,
            )
    else:
        assert (
            review.review_outcome(
                status=status,
                number=number,
                latest_number=latest,
                decision=decision,
                comment=comment,
            )
            == outcome
        )
    assert review.after_new_version("submitted") == "superseded"
    assert review.after_new_version("approved") is None
    assert review.after_new_version("changes") is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", PDF, "Upload one of"),
        ("deck.exe", PDF, "Upload one of"),
        ("fake.pdf", b"MZ\x90\x00 an executable", "not a PDF"),
        ("fake.pptx", PDF, "not a real PowerPoint"),
        ("word.pptx", None, "not a real PowerPoint"),  # a .docx renamed
        ("broken.docx", b"PK\x03\x04garbage", "not a real Word"),
        ("empty.pdf", b"", "empty"),
        ("big.pdf", PDF + b"0" * 4096, "the limit is"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_saved(
    client, engagement, shared_staff, settings, media, name, content, message
):
    settings.MATERIAL_MAX_BYTES = 2048
    mail.outbox.clear()  # the share's own email
    client.force_login(shared_staff)
    response = _new(
        client, engagement, name=name, content=ooxml("word/") if content is None else content
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Material.objects.exists()
    assert not mail.outbox
    assert not list(media.rglob("*.*")) if media.exists() else True


@pytest.mark.parametrize(
    ("name", "folder"), [("deck.pptx", "ppt/"), ("plan.docx", "word/"), ("sheet.xlsx", "xl/")]
)
def test_office_files_are_accepted(client, engagement, shared_staff, name, folder):
    client.force_login(shared_staff)
    assert _new(client, engagement, name=name, content=ooxml(folder)).status_code == 302
    assert MaterialVersion.objects.get().kind == name.rsplit(".", 1)[1]


def test_files_only_through_the_checked_view_and_downloads_recorded(
    client, engagement, shared_staff, manager, outsider, other_staff, curator, staff, media
):
    client.force_login(shared_staff)
    _new(client, engagement)
    material = Material.objects.get()
    url = reverse("workspace:download", args=[engagement.pk, material.pk, 1])
    for user in (outsider, other_staff, curator):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302
    for user in (manager, shared_staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "attachment" in response["Content-Disposition"]
    version = material.versions.get()
    downloads = [
        c.record
        for c in object_records(MaterialVersion, version.pk)
        if (c.record.history_change_reason or "").startswith("Downloaded")
    ]
    assert len(downloads) == 2
    assert {r.history_user.email for r in downloads} == {"manager@home.test", "staff@partner.test"}
    # …and they show in the engagement's history.
    assert any(
        (c.record.history_change_reason or "").startswith("Downloaded")
        for c in records_under(engagement)
    )
    assert (
        client.get(reverse("workspace:download", args=[engagement.pk, material.pk, 9])).status_code
        == 404
    )


def test_who_may_do_what(client, engagement, shared_staff, manager, viewer, panelist):
    client.force_login(shared_staff)
    _new(client, engagement)
    material = Material.objects.get()
    client.force_login(manager)
    assert _new(client, engagement).status_code == 404  # uploads are the partner's
    assert _upload(client, material).status_code == 404
    client.force_login(viewer)
    assert _review(client, material, 1, "approve").status_code == 403
    page = client.get(reverse("workspace:material", args=[engagement.pk, material.pk]))
    assert page.status_code == 200 and "Save the review" not in page.content.decode()
    client.force_login(panelist)
    assert (
        client.get(reverse("workspace:material", args=[engagement.pk, material.pk])).status_code
        == 403
    )
    client.force_login(shared_staff)
    assert _review(client, material, 1, "approve").status_code == 404
    assert Material.objects.get().status == "submitted"


def test_dashboard_lists_reviews_awaiting(client, engagement, shared_staff, manager):
    client.force_login(shared_staff)
    _new(client, engagement, needed_by="2020-01-01")
    client.force_login(manager)
    html = client.get(reverse("engagements:dashboard")).content.decode()
    assert "Unit 3 launch deck" in html and "Materials waiting for review" in html
    detail = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "Unit 3 launch deck" in detail


def test_materials_per_engagement_are_bounded(client, engagement, shared_staff, monkeypatch):
    from engagements.workspace import materials

    monkeypatch.setattr(materials, "MATERIALS_LIMIT", 1)
    client.force_login(shared_staff)
    assert _new(client, engagement).status_code == 302
    response = _new(client, engagement)
    assert response.status_code == 400
    assert Material.objects.count() == 1
