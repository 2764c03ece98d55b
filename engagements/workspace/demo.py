"""The demo's shared workspace, from fixtures/demo/workspace.toml: Riverside shares its
Northstar engagement with provider@demo.test, with session reports, a coordination space,
materials under review, field issues and contract documents (seed_demo runs this after
engagements' demo, through the same services people use; idempotent)."""

import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from engagements import services
from engagements.models import CheckIn, Engagement, PlanSession
from engagements.workspace import coordination, deliveries, documents, issues, materials
from engagements.workspace.models import CoordinationSpace, Document, Side
from engagements.workspace.services import share_add
from plpg.demo import days_from, demo_data
from plpg.models import User


def _pdf(title: str) -> bytes:
    """A small, valid one-page PDF with the title on it."""
    text = title.replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _docx(title: str) -> bytes:
    """A small Word document (the three parts Word needs), written with zipfile."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            f"{escape(title)}</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


def _file(name, title):
    """A small generated upload named ``name`` showing ``title`` (Word for .docx, else PDF)."""
    return SimpleUploadedFile(name, _docx(title) if name.endswith(".docx") else _pdf(title))


def _sessions(engagement, reports, *, provider, manager):
    """The last past planned sessions reported delivered by the partner (oldest first): the
    oldest confirmed by the PL manager (with its sign-in sheet), the others awaiting it."""
    planned = PlanSession.objects.filter(plan_item__engagement=engagement)
    if planned.exclude(reported_by=None).exists():
        return
    today = timezone.localdate()
    past = list(
        planned.filter(status=PlanSession.Status.PLANNED, date__lt=today)
        .select_related("plan_item")
        .order_by("-date", "pk")[: len(reports)]
    )
    for session, report in zip(reversed(past), reports, strict=False):
        deliveries.delivery_report(
            session=session,
            user=provider,
            version=session.version,
            delivered_on=session.date,
            facilitator=report["facilitator"],
            attendance=report["attendance"],
            upload=_file("sign-in-sheet.pdf", f"Sign-in: {session.plan_item.name}"),
        )
    if past:
        oldest = PlanSession.objects.get(pk=past[-1].pk)
        deliveries.delivery_confirm(session=oldest, user=manager, version=oldest.version)


def _coordination(engagement, spec, *, provider, manager):
    """Riverside's coordination space with Northstar and its other partner: an all-partner
    meeting's shared notes and partner actions, and a couple of posts."""
    district = engagement.district
    if CoordinationSpace.objects.filter(district=district).exists():
        return
    others = list(
        Engagement.objects.filter(district=district)
        .exclude(partner=engagement.partner)
        .order_by("pk")[:1]
    )
    if not others:
        return
    space = coordination.space_open(
        district=district,
        user=manager,
        title=spec["title"],
        purpose=spec["purpose"],
        engagements=[engagement, *others],
    )
    today = timezone.localdate()
    meeting = spec["meeting"]
    on = {"shared": engagement, "other": others[0]}
    services.checkin_log(
        district=district,
        engagements=[engagement, *others],
        user=manager,
        kind=CheckIn.Kind(meeting["kind"]),
        date=days_from(today, meeting["days"]),
        duration_minutes=meeting["minutes"],
        attendees=meeting["attendees"],
        shared_notes=meeting["shared_notes"],
        private_notes=meeting["private_notes"],
        action_items=[
            {
                "engagement": on[action["engagement"]],
                "description": action["description"],
                "owner": action["owner"],
                "due_date": days_from(today, action["due"]),
                "for_partner": action["for_partner"],
            }
            for action in meeting["action"]
        ],
    )
    seats = {
        "partner": (coordination.SpaceSeat(space, "partner", engagements=[engagement]), provider),
        "district": (coordination.SpaceSeat(space, "district", can_edit=True), manager),
    }
    for post in spec["post"]:
        seat, user = seats[post["side"]]
        coordination.post_add(seat=seat, user=user, text=post["text"])


def _materials(engagement, specs, *, provider, manager, today):
    rows = list(engagement.plan_items.order_by("position", "pk"))
    for spec in specs:
        material = materials.material_create(
            engagement=engagement,
            user=provider,
            title=spec["title"],
            plan_item=rows[spec["plan_row"]] if len(rows) > spec["plan_row"] else None,
            needed_by=days_from(today, spec["needed_by"]),
            upload=_file(spec["file"], spec["file_title"]),
            note=spec.get("note", ""),
        )
        number = 1
        for step in spec.get("steps", []):
            if "review" in step:
                materials.version_review(
                    material=material,
                    user=manager,
                    number=number,
                    decision=step["review"],
                    comment=step.get("comment", ""),
                )
            else:
                materials.version_add(
                    material=material,
                    user=provider,
                    upload=_file(step["version"], step["file_title"]),
                    note=step["note"],
                )
                number += 1


def _issues(engagement, specs, *, people, today):
    for spec in specs:
        issue = issues.issue_raise(
            engagement=engagement,
            user=people[spec["side"]],
            side=Side(spec["side"]),
            title=spec["title"],
            seen=spec["seen"],
            where=spec["where"],
            severity=spec["severity"],
            owner=spec["owner"],
            due_date=days_from(today, spec["due"]),
        )
        for comment in spec.get("comments", []):
            issues.issue_comment(
                issue=issue,
                user=people[comment["side"]],
                side=Side(comment["side"]),
                text=comment["text"],
            )
        if "resolution" in spec:
            resolution = spec["resolution"]
            issues.issue_resolve(
                issue=issue,
                user=people[resolution["side"]],
                side=Side(resolution["side"]),
                resolution=resolution["text"],
            )


def _documents(engagement, data, *, manager, today):
    start = engagement.contract_start or days_from(today, -120)
    for spec in data["document"]:
        documents.document_add(
            engagement=engagement,
            user=manager,
            side=Side.DISTRICT,
            kind=Document.Kind(spec["kind"]),
            title=spec["title"],
            date=days_from(start, spec["days_from_start"]),
            visibility=Document.Visibility(spec["visibility"]),
            upload=_file(spec["file"], spec["file_title"]),
        )
    amendment = data["amendment"]
    documents.amendment_record(
        engagement=engagement,
        user=manager,
        effective=days_from(today, amendment["effective"]),
        new_end=days_from(engagement.contract_end or today, amendment["extend_days"]),
        new_amount=(engagement.amount or 0) + amendment["add_amount"],
        scope_change=amendment["scope_change"],
        upload=_file(amendment["file"], amendment["file_title"]),
    )


def seed_demo(stdout=None):
    data = demo_data("workspace")
    engagement = (
        Engagement.objects.filter(district__slug=data["district"], partner__slug=data["partner"])
        .order_by("pk")
        .first()
    )
    provider = User.objects.filter(email=data["provider"]).first()
    manager = User.objects.filter(email=data["manager"]).first()
    if engagement is None or provider is None or manager is None:
        if stdout:
            stdout.write("workspace: Northstar engagement or demo users missing; skipped.\n")
        return
    share_add(engagement=engagement, staff_user=provider, user=manager)  # no-op if shared
    _sessions(engagement, data["session_report"], provider=provider, manager=manager)
    _coordination(engagement, data["coordination"], provider=provider, manager=manager)
    if engagement.materials.exists():
        return
    today = timezone.localdate()
    _materials(engagement, data["material"], provider=provider, manager=manager, today=today)
    people = {"partner": provider, "district": manager}
    _issues(engagement, data["issue"], people=people, today=today)
    _documents(engagement, data, manager=manager, today=today)
