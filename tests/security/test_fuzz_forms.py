"""Hypothesis drives every form and query parameter found by walking the URLconf.

The walk starts from the URL inventory (tests/security/test_url_inventory.py, which fails
when a route is missing from it): each route is opened as Riverside's lead and as its PL
manager, every ``<form>`` on the page is collected with its fields, and Hypothesis sends
each form hostile values — NUL bytes, ids past 2^63, negative and malformed numbers,
foreign `next` URLs, long and empty text. No answer may be a 5xx, and a rejected request
(4xx) must not change any saved row: every write to district data adds a history row, so
their count says whether one happened.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plpg.models import User
from tests.security.test_url_inventory import _history_rows, _urls

pytestmark = pytest.mark.django_db

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1",
        "2",
        "abc",
        "\x00",
        "a\x00b",
        "9223372036854775808",
        "99999999999999999999",
        "1e400",
        "NaN",
        "2026-02-30",
        "31/12/2026",
        "https://evil.example/",
        "//evil.example",
        "javascript:alert(1)",
        "<script>alert(1)</script>",
        "on",
        "x" * 5000,
    ]
)
VALUE = st.one_of(HOSTILE, st.text(max_size=30))
# Forms that end the session or move it to another district would stop the walk early.
SKIP_ACTIONS = ("/accounts/logout/", "/district/switch/")
# Run the forms that remove things last, so the others still find their objects.
LAST = ("delete", "remove", "revoke", "trash", "status", "decide")


class _Forms(HTMLParser):
    """Every form of a page: (method, action, enctype, field names, submit values)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "enctype": attrs.get("enctype") or "",
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button"):
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken" and attrs.get("type") != "file":
                self._form["fields"].setdefault(name, attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _walk(client, email):
    """(url of the page, form) for every form on every inventoried page the user opens."""
    client.force_login(User.objects.get(email=email))
    found = {}
    for _route, url in _urls(("public", "signin", "object")):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            path = urlparse(action).path
            if path.startswith(SKIP_ACTIONS) or not form["fields"]:
                continue
            key = (form["method"], path, tuple(sorted(form["fields"])))
            found.setdefault(key, (path, form))
    return sorted(found.values(), key=lambda item: any(w in item[0] for w in LAST))


def _send(client, method, path, form, data):
    if method == "get":
        return client.get(f"{path}?{urlencode(data)}")
    if "multipart" in form["enctype"]:
        return client.post(path, data)
    return client.post(path, urlencode(data), content_type="application/x-www-form-urlencoded")


def _fuzzer(client, path, form):
    """A Hypothesis test of one form: hostile values in any subset of its fields."""
    names = sorted(form["fields"])
    method = form["method"].upper()

    @settings(
        max_examples=6,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.fixed_dictionaries({}, optional={name: VALUE for name in names}))
    def fuzz(data):
        before = _history_rows()
        response = _send(client, form["method"], path, form, data)
        assert response.status_code < 500, f"{method} {path} {data!r}"
        if 400 <= response.status_code < 500:
            assert _history_rows() == before, (
                f"{method} {path} answered {response.status_code} but changed saved data: {data!r}"
            )

    return fuzz


@pytest.mark.parametrize("email", ["leader@demo.test", "manager@demo.test"])
def test_hostile_values_in_every_form_give_no_5xx_and_no_change_when_refused(client, demo, email):
    client.raise_request_exception = False
    forms = _walk(client, email)
    assert len(forms) > 20, "the walk found too few forms: is the demo data loaded?"
    for path, form in forms:
        _fuzzer(client, path, form)()


def test_non_form_bodies_are_refused_and_change_nothing(client, demo):
    """JSON (or any non-form) body to a form endpoint: 415 and nothing saved changes."""
    client.raise_request_exception = False
    forms = _walk(client, "leader@demo.test")
    before = _history_rows()
    failures = []
    for path, form in forms:
        if form["method"] != "post":
            continue
        response = client.post(path, '{"title": ""}', content_type="application/json")
        if response.status_code not in (403, 404, 405, 415):
            failures.append(f"POST {path}: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert _history_rows() == before
