"""PDFs as production renders them: DEBUG off and hashed static files (collectstatic +
ManifestStaticFilesStorage, as the README deploys). Same pages and fonts as under make run."""

import io
import subprocess

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from engagements.models import Engagement
from interviews.models import Interview
from plpg.models import User

pytestmark = pytest.mark.django_db

MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(
        STATIC_ROOT=root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": MANIFEST},
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    return root


def _poppler(tool, content, tmp_path):
    path = tmp_path / f"{tool}.pdf"
    path.write_bytes(content)
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


def _pages_and_fonts(content, tmp_path):
    info = _poppler("pdfinfo", content, tmp_path)
    pages = next(
        line.split(":")[1].strip() for line in info.splitlines() if line.startswith("Pages")
    )
    # name, type, encoding, embedded, subset, unicode (the object numbers may differ)
    fonts = sorted(
        " ".join(line.split()[:-2]).split("+", 1)[-1]
        for line in _poppler("pdffonts", content, tmp_path).splitlines()[2:]
    )
    return int(pages), fonts


@pytest.mark.parametrize("which", ["packet", "engagement_report"])
def test_hashed_static_pdfs_keep_their_styles(client, demo, collected, tmp_path, which, caplog):
    if which == "packet":
        client.force_login(User.objects.get(email="panelist@demo.test"))
        interview = Interview.objects.get(partner__slug="northstar-math-collaborative")
        url = reverse("interviews:packet", args=[interview.pk])
    else:
        client.force_login(User.objects.get(email="manager@demo.test"))
        engagement = Engagement.objects.filter(district__name__startswith="Riverside").first()
        url = reverse("engagements:report_pdf", args=[engagement.pk])
    caches["pdf"].clear()
    development = client.get(url)
    assert development.status_code == 200
    with override_settings(
        DEBUG=False,
        STATIC_ROOT=collected,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": MANIFEST},
        },
    ):
        caplog.clear()
        production = client.get(url)
        assert production.status_code == 200
        repeat = client.get(url, HTTP_IF_NONE_MATCH=production["ETag"])
        assert repeat.status_code == 304 and repeat["ETag"] == production["ETag"]
    assert not [r for r in caplog.records if "stylesheet" in r.getMessage()], caplog.text
    # The hashed names really were used (and so the HTML, hence the ETag, differs).
    assert production["ETag"] != development["ETag"]
    pages, fonts = _pages_and_fonts(development.content, tmp_path)
    assert _pages_and_fonts(production.content, tmp_path) == (pages, fonts)
    assert all(font.startswith("DejaVu-Sans") for font in fonts), fonts  # pdf.css applied
    assert pages > 1 if which == "packet" else pages >= 1
