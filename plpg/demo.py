"""The demo's loader: its data lives in fixtures/demo/*.toml; each app's ``demo`` module maps
those records to the services users call (docs/demo.md). This module reads the files and
loads the districts and people (fixtures/demo/people.toml). Demo data only: seed_demo refuses
to run in production."""

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group

from plpg.apps import CURATOR_GROUP
from plpg.models import District, Membership, User

DEMO_FILES = Path(settings.BASE_DIR) / "fixtures" / "demo"


@cache
def demo_data(name: str) -> dict:
    """The records of fixtures/demo/<name>.toml."""
    return tomllib.loads((DEMO_FILES / f"{name}.toml").read_text(encoding="utf-8"))


def days_from(today: dt.date, days: int | None) -> dt.date | None:
    """The date ``days`` after (or before, when negative) the day the demo is loaded."""
    return None if days is None else today + dt.timedelta(days=days)


def demo_password() -> str:
    return demo_data("people")["password"]


def demo_logins() -> list[tuple[str, str]]:
    """(email, what the login shows), as seed_demo prints them."""
    return [(login["email"], login["what"]) for login in demo_data("people")["login"]]


def demo_user(email, first_name, last_name, **extra) -> User:
    """The demo user of ``email`` with these names, its password the demo's."""
    user, _ = User.objects.update_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **extra}
    )
    if not user.check_password(demo_password()):
        user.set_password(demo_password())
        user.save(update_fields=["password"])
    return user


def seed_demo(stdout=None):
    """Create (or bring back) the demo districts and the demo users."""
    people = demo_data("people")
    districts = {}
    for spec in people["district"]:
        District.Locale(spec["locale"]), District.EnrollmentBand(spec["enrollment_band"])
        districts[spec["slug"]], _ = District.objects.update_or_create(
            slug=spec["slug"], defaults={**spec, "is_demo": True}
        )
    for member in people["member"]:
        user = demo_user(member["email"], member["first_name"], member["last_name"])
        Membership.objects.update_or_create(
            user=user,
            district=districts[member["district"]],
            defaults={"role": Membership.Role(member["role"])},
        )
    for staff in people["staff"]:
        user = demo_user(
            staff["email"],
            staff["first_name"],
            staff["last_name"],
            is_staff=True,
            is_superuser=staff.get("superuser", False),
        )
        if staff.get("curator"):
            user.groups.set([Group.objects.get_or_create(name=CURATOR_GROUP)[0]])
