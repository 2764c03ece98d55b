"""Synthetic data at production scale for `make bench` (`manage.py seed_scale`).

Realistic shapes rather than uniform ones: most partners are small and regional, a fifth are
national, a few popular curricula dominate; most districts run one to three engagements and
a handful of interviews, a few run a dozen, and one large district (a big urban district or
a state agency) runs 150 engagements with 6,000 check-ins and a selection of 40 interviews.

Everything is made with bulk inserts (5,000 partners and 50,000 check-ins well under two
minutes) and named after the seed (`s<seed>-…`), so running the same command again adds
nothing: idempotent per seed. This module reads every app, so only the command imports it.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

LARGE = {"engagements": 150, "checkins": 6000, "interviews": 40}
WORDS = [
    "coaching",
    "literacy",
    "math",
    "science",
    "leadership",
    "launch",
    "adoption",
    "planning",
    "equity",
    "curriculum",
    "rural",
    "urban",
    "network",
    "institute",
    "learning",
    "partners",
    "teaching",
    "design",
    "collaborative",
    "center",
    "foundations",
    "reading",
    "writing",
    "numeracy",
    "inquiry",
    "practice",
    "studio",
    "works",
    "alliance",
    "group",
]


def _weighted(rng, items, k, weights):
    chosen = set()
    while len(chosen) < min(k, len(items)):
        chosen.add(rng.choices(range(len(items)), weights=weights)[0])
    return [items[i] for i in sorted(chosen)]


def seed_scale(*, seed, partners, districts, interviews, checkins, large=True, say=print):
    """Create what is missing of the scale data set for this seed."""
    rng = random.Random(seed)
    with transaction.atomic():
        made_partners = _partners(rng, seed, partners)
        say(f"partners: {made_partners} created ({partners} wanted)")
        made_districts = _districts(rng, seed, districts, large=large)
        say(f"districts: {made_districts} created ({districts} wanted, large: {large})")
    with transaction.atomic():
        say(_interviews(rng, seed, interviews, large=large))
    with transaction.atomic():
        say(_engagements(rng, seed, checkins, large=large))
    if connection.vendor == "postgresql":
        # After a bulk load the planner needs statistics (autovacuum gets there later, or
        # never after a statistics reset): without them it guesses 10 rows for 2,000.
        tables = connection.introspection.django_table_names(only_existing=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))


def _partners(rng, seed, count) -> int:
    from partners.models import Partner, SampleEngagement
    from partners.selectors import TERM_MODELS
    from partners.services import partner_vector
    from partners.taxonomy import taxonomy_load

    if not count:
        return 0
    taxonomy_load()
    prefix = f"s{seed}-partner-"
    have = set(Partner.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
    wanted = [n for n in range(count) if f"{prefix}{n}" not in have]
    if not wanted:
        return 0
    terms = {
        param: list(model.objects.order_by("position", "name"))
        for param, model in TERM_MODELS.items()
    }
    # Popular curricula first in the fixture: weight by rank (Zipf-like).
    curriculum_weights = [1 / (1 + i) for i in range(len(terms["curriculum"]))]
    today = timezone.localdate()
    rows, links = [], []
    for n in wanted:
        name = " ".join(w.capitalize() for w in rng.sample(WORDS, rng.choice([2, 2, 3]))) + f" {n}"
        curricula = _weighted(
            rng, terms["curriculum"], rng.choice([0, 1, 1, 2, 2, 3, 5]), curriculum_weights
        )
        specialties = rng.sample(terms["specialty"], rng.choice([0, 0, 1, 2]))
        document = " ".join(
            [
                *(c.name for c in curricula),
                *(s.name for s in specialties),
                *rng.choices(WORDS, k=25),
            ]
        )
        national = rng.random() < 0.2
        states = (
            [] if national else rng.sample(terms["state"], min(51, int(rng.paretovariate(1.3))))
        )
        rows.append(
            Partner(
                name=name,
                slug=f"{prefix}{n}",
                summary=" ".join(rng.sample(WORDS, 6)).capitalize(),
                description=" ".join(rng.choices(WORDS, k=40)),
                search_document=document,
                national=national,
                status=Partner.Status.PUBLISHED if rng.random() < 0.95 else Partner.Status.DRAFT,
                is_demo=True,
                last_reviewed=today - timedelta(days=rng.randrange(720))
                if rng.random() < 0.9
                else None,
            )
        )
        links.append(
            {
                "curricula": curricula,
                "specialties": specialties,
                "states_served": states,
                "phases": rng.sample(terms["phase"], rng.choice([1, 1, 2, 2, 3, 4])),
                "content_areas": sorted({c.content_area for c in curricula}, key=lambda a: a.pk)
                or rng.sample(terms["content_area"], 1),
                "pl_types": rng.sample(terms["pl_type"], rng.randint(1, 4)),
                "delivery_formats": rng.sample(terms["delivery"], rng.randint(1, 3)),
                "grade_bands": rng.sample(terms["grade_band"], rng.randint(1, 3)),
                "cost_bands": rng.sample(terms["cost"], rng.choice([1, 1, 2])),
            }
        )
    created = Partner.objects.bulk_create(rows, batch_size=2000)
    for field in links[0]:
        through = getattr(Partner, field).through
        column = getattr(Partner, field).field.m2m_reverse_field_name() + "_id"
        through.objects.bulk_create(
            [
                through(partner_id=partner.pk, **{column: term.pk})
                for partner, link in zip(created, links, strict=True)
                for term in link[field]
            ],
            batch_size=10000,
        )
    locales = ["urban", "suburban", "town", "rural"]
    bands = ["under-2500", "2500-10000", "10000-50000", "50000-100000", "over-100000"]
    SampleEngagement.objects.bulk_create(
        [
            SampleEngagement(
                partner=partner,
                title=f"Sample engagement {k + 1}",
                locale=rng.choice(locales),
                enrollment_band=rng.choice(bands),
                position=k,
            )
            for partner in created
            for k in range(rng.choice([0, 1, 1, 2, 3]))
        ],
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        Partner.objects.filter(slug__startswith=prefix, search_vector=None).update(
            search_vector=partner_vector()
        )
    return len(created)


def _districts(rng, seed, count, *, large) -> int:
    from plpg.models import District, Membership, User

    prefix = f"s{seed}-district-"
    have = set(District.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
    wanted = [n for n in range(count) if f"{prefix}{n}" not in have]
    if not wanted:
        return 0
    locales = [c for c, _ in District.Locale.choices]
    bands = [c for c, _ in District.EnrollmentBand.choices]
    rows = []
    for n in wanted:
        big = large and n == 0
        rows.append(
            District(
                name=f"Scale {'Metro Unified' if big else 'District'} {seed}-{n}",
                slug=f"{prefix}{n}",
                state=rng.choice(["CA", "TX", "NY", "MN", "GA", "OH", "FL", "IL", "WA", "NC"]),
                locale="urban" if big else rng.choice(locales),
                enrollment_band="over-100000" if big else rng.choices(bands, [5, 4, 3, 1, 1])[0],
                is_demo=True,
            )
        )
    created = District.objects.bulk_create(rows)
    users, members = [], []
    for district, n in zip(created, wanted, strict=True):
        panel = 6 if large and n == 0 else 3
        roles = [("lead", Membership.Role.LEAD), ("manager", Membership.Role.MANAGER)]
        roles += [(f"panelist{k}", Membership.Role.INTERVIEWER) for k in range(panel)]
        for name, role in roles:
            user = User(
                email=f"{name}.s{seed}-{n}@scale.test", first_name=name.title(), last_name=str(n)
            )
            user.set_unusable_password()
            users.append(user)
            members.append((user, district, role))
    User.objects.bulk_create(users, batch_size=2000)
    Membership.objects.bulk_create([Membership(user=u, district=d, role=r) for u, d, r in members])
    return len(created)


def _scale_districts(seed):
    from plpg.models import District

    return list(District.objects.filter(slug__startswith=f"s{seed}-district-").order_by("pk"))


def _interviews(rng, seed, count, *, large) -> str:
    from interviews.guide_data import guide_templates_load
    from interviews.models import Guide, Interview, LookFor, Rating, Scorecard, Selection
    from partners.models import Partner

    districts = _scale_districts(seed)
    if not count or not districts:
        return "interviews: none wanted"
    guide_templates_load()
    playbook = Guide.objects.templates().get(key="playbook")
    sections = list(playbook.sections.all())
    look_fors = {
        s.pk: list(LookFor.objects.filter(block__section=s).values_list("pk", flat=True))
        for s in sections
    }
    partners = list(
        Partner.objects.published()
        .filter(slug__startswith=f"s{seed}-")
        .values_list("pk", flat=True)
    )
    if not partners:
        return "interviews: no partners"
    existing = Interview.objects.filter(selection__district__in=districts).count()
    missing = count - existing
    if missing <= 0:
        return f"interviews: {existing} already there"
    # Per district: the large one has 40 in one selection; others 1–8, heavy-tailed.
    plan = []
    if large and existing == 0:
        plan.append((districts[0], LARGE["interviews"]))
    others = districts[1:] if large else districts
    while sum(n for _, n in plan) < missing and others:
        plan.append((rng.choice(others), min(8, 1 + int(rng.expovariate(0.5)))))
    members = _members(districts)
    now = timezone.now()
    selections = Selection.objects.bulk_create(
        [
            Selection(
                district=d,
                title=f"Scale selection {k}",
                guide=playbook,
                created_by=members[d.pk]["lead"][0],
            )
            for k, (d, _) in enumerate(plan)
        ]
    )
    interviews, panels, wanted_sections = [], [], []
    left = missing
    for selection, (district, n) in zip(selections, plan, strict=True):
        for _ in range(min(n, left)):
            interviews.append(
                Interview(
                    selection=selection,
                    partner_id=rng.choice(partners),
                    scheduled_at=now - timedelta(days=rng.randint(1, 300)),
                    guide=playbook,
                )
            )
            panelists = members[district.pk]["interviewer"]
            panels.append(rng.sample(panelists, min(len(panelists), 3 if n > 8 else 2)))
            wanted_sections.append(rng.sample(sections, max(2, len(sections) // 2)))
        left -= n
    interviews = Interview.objects.bulk_create(interviews, batch_size=2000)
    Interview.panel.through.objects.bulk_create(
        [
            Interview.panel.through(interview_id=i.pk, user_id=u.pk)
            for i, p in zip(interviews, panels, strict=True)
            for u in p
        ],
        batch_size=10000,
    )
    Interview.sections.through.objects.bulk_create(
        [
            Interview.sections.through(interview_id=i.pk, section_id=s.pk)
            for i, ss in zip(interviews, wanted_sections, strict=True)
            for s in ss
        ],
        batch_size=10000,
    )
    cards = Scorecard.objects.bulk_create(
        [
            Scorecard(interview=i, panelist=u, conflict=Scorecard.Conflict.NONE, submitted_at=now)
            for i, p in zip(interviews, panels, strict=True)
            for u in p
        ],
        batch_size=5000,
    )
    sections_of = {i.pk: ss for i, ss in zip(interviews, wanted_sections, strict=True)}
    ratings = [
        Rating(scorecard=card, look_for_id=lf, score=rng.randint(1, 4))
        for card in cards
        for s in sections_of[card.interview_id]
        for lf in look_fors[s.pk]
    ]
    Rating.objects.bulk_create(ratings, batch_size=20000)
    return f"interviews: {len(interviews)} created with {len(ratings)} ratings"


def _members(districts):
    from plpg.models import Membership

    members = {d.pk: {"lead": [], "manager": [], "interviewer": []} for d in districts}
    for m in Membership.objects.filter(district__in=districts).select_related("user"):
        members[m.district_id].setdefault(m.role, []).append(m.user)
    return members


def _engagements(rng, seed, checkins, *, large) -> str:
    from engagements.models import Audience, CheckIn, Engagement, PlanItem
    from partners.models import Partner

    districts = _scale_districts(seed)
    partners = list(
        Partner.objects.published()
        .filter(slug__startswith=f"s{seed}-")
        .values_list("pk", flat=True)
    )
    if not districts or not partners:
        return "engagements: none wanted"
    have = set(
        Engagement.objects.filter(district__in=districts).values_list("district_id", flat=True)
    )
    targets = [d for d in districts if d.pk not in have]
    if not targets:
        return "engagements: already there"
    members = _members(districts)
    today = timezone.localdate()
    engagements = []
    for district in targets:
        big = large and district.pk == districts[0].pk
        n = LARGE["engagements"] if big else min(30, 1 + int(rng.paretovariate(1.6)))
        for k in range(n):
            engagements.append(
                Engagement(
                    district=district,
                    partner_id=rng.choice(partners),
                    title=f"Scale engagement {k + 1}",
                    audiences=rng.sample(Audience.values, 2),
                    contract_start=today - timedelta(days=rng.randint(0, 300)),
                    contract_end=today + timedelta(days=rng.randint(1, 300)),
                    status=Engagement.Status.ACTIVE,
                    created_by=members[district.pk]["manager"][0],
                )
            )
    engagements = Engagement.objects.bulk_create(engagements, batch_size=5000)
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                engagement=e,
                position=p,
                timing="Monthly",
                participants="Teachers",
                name=f"Session {p + 1}",
            )
            for e in engagements
            for p in range(8)
        ],
        batch_size=10000,
    )
    by_district = {}
    for e in engagements:
        by_district.setdefault(e.district_id, []).append(e)
    # The large district's 6,000; the rest spread by engagements.
    plan = []
    if large and districts[0].pk in by_district:
        plan += [districts[0].pk] * min(checkins, LARGE["checkins"])
    rest = [e for e in engagements if not (large and e.district_id == districts[0].pk)]
    plan += (
        [rng.choice(rest).district_id for _ in range(max(0, checkins - len(plan)))] if rest else []
    )
    made = CheckIn.objects.bulk_create(
        [
            CheckIn(
                district_id=d,
                date=today - timedelta(days=rng.randint(0, 365)),
                progress="Sessions delivered as planned; " + " ".join(rng.choices(WORDS, k=12)),
                created_by=members[d]["manager"][0],
            )
            for d in plan
        ],
        batch_size=10000,
    )
    CheckIn.engagements.through.objects.bulk_create(
        [
            CheckIn.engagements.through(
                checkin_id=c.pk, engagement_id=rng.choice(by_district[c.district_id]).pk
            )
            for c in made
        ],
        batch_size=20000,
    )
    return f"engagements: {len(engagements)} created, {len(made)} check-ins"
