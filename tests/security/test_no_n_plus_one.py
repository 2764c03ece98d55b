"""No page loads related rows one query per row (django-zeal, on in tests/settings.py).

Every GET of every inventoried route (test_url_inventory's ROUTES must list every URL the
project has, so a new page is walked here the day it is added), with the demo data loaded —
several rows in every list — as the person the page is for: Riverside's lead and manager,
the partner's staff, a curator, an anonymous visitor. A lazy load repeated in a loop raises
zeal's NPlusOneError inside the request, which the test client re-raises: the test fails and
names the model, the field and the line.
"""

import pytest
from django.contrib.auth.models import Group

from plpg.models import User
from tests.security.test_url_inventory import _urls

pytestmark = pytest.mark.django_db

# Who reads each kind of route.
READERS = {
    "public": [None],
    "signin": ["leader@demo.test", "manager@demo.test", "provider@demo.test"],
    "object": ["leader@demo.test", "manager@demo.test"],
    "workspace": ["provider@demo.test", "manager@demo.test"],
    "portal": ["provider@demo.test"],
    "curation": ["curator@demo.test"],
}


@pytest.mark.parametrize("kind", list(READERS))
def test_no_page_loads_rows_one_by_one(client, demo, kind):
    assert Group.objects.filter(name="curator").exists()
    failures = []
    for email in READERS[kind]:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for route, url in _urls(kind):
            if route.startswith(("accounts/logout", "district/switch")):
                continue  # signing out or switching ends the walk's own session
            try:
                client.get(url)
            except Exception as error:  # NPlusOneError, named with its line
                failures.append(f"{email or 'anonymous'} GET {url}: {error}")
    assert not failures, "\n".join(failures)
