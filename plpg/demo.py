"""Demo districts and users (demo data only; seed_demo refuses to run in production)."""

from django.contrib.auth.models import Group

from plpg.apps import CURATOR_GROUP
from plpg.models import District, Membership, User

DEMO_PASSWORD = "demo"

RIVERSIDE = {
    "name": "Riverside Unified (demo)",
    "slug": "riverside-unified-demo",
    "state": "CA",
    "locale": District.Locale.URBAN,
    "enrollment_band": District.EnrollmentBand.FROM_10000,
    "pct_multilingual_learners": 28,
    "pct_students_with_disabilities": 13,
    "pct_economically_disadvantaged": 64,
    "pct_students_of_color": 78,
    "instructional_vision": (
        "Every Riverside student experiences grade-level, standards-aligned instruction every "
        "day, in classrooms where they do the thinking and talk like mathematicians, readers "
        "and writers."
    ),
    # The seed's example priority and strategy (managing-multiple-partners.txt).
    "priorities": (
        "All students have access to grade-level instructional materials and "
        "standards-aligned instruction."
    ),
    "strategy": (
        "Support teachers and leaders to implement HQIM with integrity through job-embedded "
        "professional learning."
    ),
}

LAKEVIEW = {
    "name": "Lakeview County Schools (demo)",
    "slug": "lakeview-county-schools-demo",
    "state": "MN",
    "locale": District.Locale.RURAL,
    "enrollment_band": District.EnrollmentBand.FROM_2500,
    "pct_multilingual_learners": 9,
    "pct_students_with_disabilities": 15,
    "pct_economically_disadvantaged": 41,
    "pct_students_of_color": 22,
    "instructional_vision": "Strong readers in every Lakeview classroom by third grade.",
    "priorities": "Implement our new K–5 ELA curriculum with fidelity.",
    "strategy": "Coach teachers in the science of reading within the adopted curriculum.",
}

# (email, first name, last name, district, role)
USERS = [
    ("leader@demo.test", "Dana", "Leader", RIVERSIDE, Membership.Role.LEAD),
    ("panelist@demo.test", "Pat", "Panelist", RIVERSIDE, Membership.Role.INTERVIEWER),
    ("panelist2@demo.test", "Quinn", "Panelist", RIVERSIDE, Membership.Role.INTERVIEWER),
    ("manager@demo.test", "Morgan", "Manager", RIVERSIDE, Membership.Role.MANAGER),
    ("other@demo.test", "Olive", "Other", LAKEVIEW, Membership.Role.LEAD),
    ("reviewer@demo.test", "Riley", "Reviewer", LAKEVIEW, Membership.Role.INTERVIEWER),
]

LOGINS = [
    ("leader@demo.test", "district lead, Riverside Unified (demo)"),
    ("panelist@demo.test", "interview panelist, Riverside"),
    ("panelist2@demo.test", "interview panelist, Riverside"),
    ("manager@demo.test", "PL manager, Riverside"),
    ("other@demo.test", "district lead, Lakeview County Schools (demo)"),
    ("reviewer@demo.test", "panelist, Lakeview (scored an RFP proposal)"),
    (
        "curator@demo.test",
        "directory curator: /curation/ (reviews, edits, claims, invites providers)",
    ),
    (
        "admin@demo.test",
        "platform operator (superuser: districts, memberships; /staff/districts/new/)",
    ),
    ("provider@demo.test", "partner staff, Northstar Math Collaborative (/portal/)"),
]


def _user(email, first_name, last_name, **extra):
    user, _ = User.objects.update_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **extra}
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed_demo(stdout=None):
    """Create (or bring back) the two demo districts and the demo users."""
    districts = {}
    for spec in (RIVERSIDE, LAKEVIEW):
        districts[spec["slug"]], _ = District.objects.update_or_create(
            slug=spec["slug"], defaults={**spec, "is_demo": True}
        )
    for email, first, last, spec, role in USERS:
        user = _user(email, first, last)
        Membership.objects.update_or_create(
            user=user, district=districts[spec["slug"]], defaults={"role": role}
        )
    curator = _user("curator@demo.test", "Casey", "Curator", is_staff=True, is_superuser=False)
    curator.groups.set([Group.objects.get_or_create(name=CURATOR_GROUP)[0]])
    _user("admin@demo.test", "Ada", "Admin", is_staff=True, is_superuser=True)


def demo_district(slug):
    return District.objects.get(slug=slug)
