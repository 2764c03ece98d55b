"""The demo's shared workspace: Riverside shares its Northstar engagement with
provider@demo.test, with materials under review and field issues (seed_demo runs this after
engagements' demo, through the same services people use; idempotent)."""

import datetime as dt
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
from plpg.models import User

RIVERSIDE = "riverside-unified-demo"
NORTHSTAR = "northstar-math-collaborative"


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


def _file(name, content):
    return SimpleUploadedFile(name, content)


def _sessions(engagement, *, provider, manager):
    """Two past sessions reported delivered by the partner: the older one confirmed by the
    PL manager (with its sign-in sheet), the other awaiting confirmation."""
    planned = PlanSession.objects.filter(plan_item__engagement=engagement)
    if planned.exclude(reported_by=None).exists():
        return
    today = timezone.localdate()
    past = list(
        planned.filter(status=PlanSession.Status.PLANNED, date__lt=today)
        .select_related("plan_item")
        .order_by("-date", "pk")[:2]
    )
    facts = [("Dana Ortiz", 14), ("Dana Ortiz and Luis Park", 31)]
    for session, (facilitator, attendance) in zip(reversed(past), facts, strict=False):
        deliveries.delivery_report(
            session=session,
            user=provider,
            version=session.version,
            delivered_on=session.date,
            facilitator=facilitator,
            attendance=attendance,
            upload=_file("sign-in-sheet.pdf", _pdf(f"Sign-in: {session.plan_item.name}")),
        )
    if past:
        oldest = PlanSession.objects.get(pk=past[-1].pk)
        deliveries.delivery_confirm(session=oldest, user=manager, version=oldest.version)


def _coordination(engagement, *, provider, manager):
    """Riverside's coordination space with Northstar and its ELA partner: an all-partner
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
        title="K–8 coaching partners",
        purpose="Northstar coaches K–8 math teachers and Ember coaches K–5 ELA teachers in the "
        "same schools: align coaching cycles, walkthrough language and what teachers hear.",
        engagements=[engagement, *others],
    )
    today = timezone.localdate()
    services.checkin_log(
        district=district,
        engagements=[engagement, *others],
        user=manager,
        kind=CheckIn.Kind.COHERENCE,
        # The all-partner meeting of the start of the year (held once or twice a year); more
        # than three months ago, so the demo still asks for a joint check-in of the two.
        date=today - dt.timedelta(days=100),
        duration_minutes=90,
        attendees="Morgan Manager, Dana Leader, Northstar and Ember team leads",
        shared_notes="Shared the north star again. Both partners use the district walkthrough "
        "tool's language from January; coaching cycles at Lincoln MS and Oak ES are staggered "
        "so no teacher has two coaches in the same week.",
        private_notes="Private to the district: Ember's renewal depends on the spring "
        "walkthrough data.",
        action_items=[
            {
                "engagement": engagement,
                "description": "Send Ember the math coaching calendar for January–March",
                "owner": "Northstar team lead",
                "due_date": today + dt.timedelta(days=7),
                "for_partner": True,
            },
            {
                "engagement": others[0],
                "description": "Share the K–5 ELA walkthrough trends with Northstar",
                "owner": "Ember team lead",
                "due_date": today + dt.timedelta(days=14),
                "for_partner": True,
            },
        ],
    )
    seat = coordination.SpaceSeat(space, "partner", engagements=[engagement])
    coordination.post_add(
        seat=seat,
        user=provider,
        text="Grade 3–5 teachers at Oak ES tell us they get two different lesson-planning "
        "templates. Could we agree one before the January cycle?",
    )
    coordination.post_add(
        seat=coordination.SpaceSeat(space, "district", can_edit=True),
        user=manager,
        text="Yes — let's settle it at the monthly partner call on the first Tuesday. I'll "
        "bring the district template.",
    )


def seed_demo(stdout=None):
    engagement = (
        Engagement.objects.filter(district__slug=RIVERSIDE, partner__slug=NORTHSTAR)
        .order_by("pk")
        .first()
    )
    provider = User.objects.filter(email="provider@demo.test").first()
    manager = User.objects.filter(email="manager@demo.test").first()
    if engagement is None or provider is None or manager is None:
        if stdout:
            stdout.write("workspace: Northstar engagement or demo users missing; skipped.\n")
        return
    share_add(engagement=engagement, staff_user=provider, user=manager)  # no-op if shared
    _sessions(engagement, provider=provider, manager=manager)
    _coordination(engagement, provider=provider, manager=manager)
    if engagement.materials.exists():
        return
    today = timezone.localdate()
    rows = list(engagement.plan_items.order_by("position", "pk"))

    def row(n):
        return rows[n] if len(rows) > n else None

    deck = materials.material_create(
        engagement=engagement,
        user=provider,
        title="Unit 3 launch deck",
        plan_item=row(3),
        needed_by=today - dt.timedelta(days=20),
        upload=_file("unit-3-launch-deck.pdf", _pdf("Unit 3 launch deck, version 1")),
    )
    materials.version_review(
        material=deck,
        user=manager,
        number=1,
        decision="changes",
        comment="Open with our lesson-structure slide and use the walkthrough tool's language.",
    )
    materials.version_add(
        material=deck,
        user=provider,
        upload=_file("unit-3-launch-deck-v2.pdf", _pdf("Unit 3 launch deck, version 2")),
        note="Lesson-structure slide first; walkthrough language throughout.",
    )
    materials.version_review(material=deck, user=manager, number=2, decision="approve")

    guide = materials.material_create(
        engagement=engagement,
        user=provider,
        title="Coaching cycle guide",
        plan_item=row(4),
        needed_by=today + dt.timedelta(days=10),
        upload=_file("coaching-cycle-guide.docx", _docx("Coaching cycle guide")),
    )
    materials.version_review(
        material=guide,
        user=manager,
        number=1,
        decision="changes",
        comment="Add the debrief step and the district's observation tool.",
    )
    materials.material_create(
        engagement=engagement,
        user=provider,
        title="Unit 4 family letter",
        plan_item=row(5),
        needed_by=today - dt.timedelta(days=1),
        upload=_file("unit-4-family-letter.pdf", _pdf("Unit 4 family letter")),
        note="Goes home with the unit 4 launch.",
    )

    issues.issue_raise(
        engagement=engagement,
        user=provider,
        side=Side.PARTNER,
        title="Substitute shortages cancel coaching cycles",
        seen="Four of nine coaching cycles at Lincoln MS and Oak ES were cancelled this month "
        "because coaches covered classes.",
        where="Lincoln MS, Oak ES",
        severity="high",
        owner="Morgan Manager",
        due_date=today + dt.timedelta(days=5),
    )
    resolved = issues.issue_raise(
        engagement=engagement,
        user=manager,
        side=Side.DISTRICT,
        title="Unit 2 student workbooks missing",
        seen="Two grade 7 classes had no student workbooks during the unit 2 launch.",
        where="Lincoln MS, grade 7",
        severity="medium",
        owner="Northstar team lead",
        due_date=today - dt.timedelta(days=30),
    )
    issues.issue_comment(
        issue=resolved,
        user=provider,
        side=Side.PARTNER,
        text="We brought printed packets to the next session; purchasing has the order.",
    )
    issues.issue_resolve(
        issue=resolved,
        user=manager,
        side=Side.DISTRICT,
        resolution="Workbooks delivered; packets covered the gap.",
    )

    start = engagement.contract_start or today - dt.timedelta(days=120)
    documents.document_add(
        engagement=engagement,
        user=manager,
        side=Side.DISTRICT,
        kind=Document.Kind.CONTRACT,
        title="Services agreement, Riverside Unified and Northstar Math Collaborative",
        date=start,
        visibility=Document.Visibility.SHARED,
        upload=_file("northstar-contract.pdf", _pdf("Services agreement")),
    )
    documents.document_add(
        engagement=engagement,
        user=manager,
        side=Side.DISTRICT,
        kind=Document.Kind.OTHER,
        title="Board memo on the Northstar contract",
        date=start - dt.timedelta(days=14),
        visibility=Document.Visibility.DISTRICT,
        upload=_file("board-memo.pdf", _pdf("Board memo")),
    )
    documents.amendment_record(
        engagement=engagement,
        user=manager,
        effective=today - dt.timedelta(days=30),
        new_end=(engagement.contract_end or today) + dt.timedelta(days=31),
        new_amount=(engagement.amount or 0) + 18000,
        scope_change="Adds two family math nights and extends the coaching cycles into June.",
        upload=_file("northstar-amendment-1.pdf", _pdf("Amendment 1")),
    )
