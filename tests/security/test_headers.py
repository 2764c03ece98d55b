import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

DISTRICT_PAGES = ["/selections/", "/engagements/", "/accounts/password/change/", "/district/team/"]


def test_content_security_policy_forbids_inline_script(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "default-src 'self'" in csp


def test_no_inline_script_in_pages(client, lead):
    client.force_login(lead)
    html = client.get("/").content.decode()
    assert "<script>" not in html and "<script type" not in html


@pytest.mark.parametrize("url", DISTRICT_PAGES)
def test_district_pages_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_deploy_check_passes_in_production_configuration(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "Zx9!" * 10,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_fails_loudly(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_secure_cookies_and_hsts_in_production_settings(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS>0, s.SECURE_SSL_REDIRECT)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": "k" * 50,
        "DJANGO_SETTINGS_MODULE": "plpg.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr
