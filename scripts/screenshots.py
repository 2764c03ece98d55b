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
        browser.close()


if __name__ == "__main__":
    main()
