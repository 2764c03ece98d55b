"""Browser tests: Playwright for Python driving Debian's chromium against a live server."""

import hashlib
import io
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: apt-get install chromium (make test does this as root)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, reference_data):
    """A fresh browser tab; records every request so tests can check nothing leaves the app."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.on("response", _keep_html)
    page.set_default_timeout(10_000)
    yield page
    context.close()


# Every HTML page the browser tests load, as the server sent it: scripts/valid_html.sh runs
# the W3C Nu checker over them after the suite (make test fails on any error).
HTML_PAGES = ARTIFACTS / "html"


def _keep_html(response):
    request = response.request
    if request.resource_type != "document" or response.status != 200:
        return
    if "text/html" not in (response.headers.get("content-type") or ""):
        return
    try:
        body = response.body()
    except Exception:  # the page navigated on before its body was read
        return
    HTML_PAGES.mkdir(parents=True, exist_ok=True)
    path = urlsplit(response.url).path.strip("/").replace("/", "_") or "home"
    name = f"{path}-{hashlib.sha1(response.url.encode()).hexdigest()[:8]}.html"
    (HTML_PAGES / name).write_bytes(body)


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def login(page, email, password="demo"):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page, *, impacts=("serious", "critical")):
    """Run axe-core (vendored) on the page; fail on violations of the given impacts."""
    assert AXE.exists(), "static/vendor/axe-core/axe.min.js is missing"
    # Loaded from the app's own static files, so the page's CSP allows it.
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in impacts]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"accessibility violations on {page.url}:\n{details}"


def assert_only_local_requests(page, live_server):
    outside = [url for url in page.requests_seen if not url.startswith((live_server.url, "data:"))]
    assert not outside, f"the page asked for resources outside the app: {outside}"
