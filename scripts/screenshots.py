"""Take the README's screenshots from a running demo server (make run in another shell).

Usage: .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def login(page, email):
    page.goto(f"{BASE}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def shot(page, path, name, full_page=False):
    page.goto(f"{BASE}{path}")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
    print("saved", OUT / f"{name}.png")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        shot(page, "/partners/?phase=launch&content_area=math", "directory")
        shot(page, "/partners/northstar-math-collaborative/", "profile")
        login(page, "leader@demo.test")
        page.goto(f"{BASE}/selections/")
        page.get_by_role("link", name="K–8 math partner for the IM launch (demo)").first.click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / "selection.png"))
        print("saved selection")
        page.context.clear_cookies()
        login(page, "manager@demo.test")
        shot(page, "/engagements/", "engagements-dashboard")
        page.context.clear_cookies()
        responsive(browser)
        browser.close()


WIDTHS = {"phone": (390, 844), "tablet": (820, 1180), "desktop": (1366, 900)}


def _northstar(page):
    """The demo selection's Northstar interview page (its link on the selection page)."""
    page.goto(f"{BASE}/selections/")
    page.get_by_role("link", name="K–8 math partner for the IM launch (demo)").first.click()
    page.get_by_role("link", name="Northstar Math Collaborative").first.click()
    page.wait_for_load_state("networkidle")
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def responsive(browser):
    """Scoring, results and selection pages at phone, tablet and desktop width."""
    for device, (width, height) in WIDTHS.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        login(page, "panelist@demo.test")
        pk = _northstar(page)
        page.goto(f"{BASE}/interviews/{pk}/score/")
        page.locator(".look-for").nth(1).scroll_into_view_if_needed()
        page.screenshot(path=str(OUT / f"{device}-{width}-scoring.png"))
        print("saved", f"{device}-{width}-scoring")
        page.context.clear_cookies()
        login(page, "leader@demo.test")
        page.goto(f"{BASE}/interviews/{pk}/")
        page.locator(".results-table").first.scroll_into_view_if_needed()
        page.screenshot(path=str(OUT / f"{device}-{width}-results.png"))
        print("saved", f"{device}-{width}-results")
        page.close()


if __name__ == "__main__":
    main()
