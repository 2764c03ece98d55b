import contextlib
import re
import shutil
import subprocess
import time
import zlib
from unittest import mock

import pytest
from django.core.cache import caches
from django.http import HttpRequest
from django.template import engines
from django.utils.http import http_date

from plpg import pdf
from plpg.pdf import StaticOnlyFetcher, pdf_response, render_pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(tmp_path, settings):
    (tmp_path / "t.html").write_text(
        '{% extends "pdf/base.html" %}{% block title %}Doc {{ who }}{% endblock %}'
        "{% block running_header %}Header {{ who }}{% endblock %}"
        "{% block content %}<h1>Hello {{ who }}</h1>"
        '<img src="https://example.org/tracker.png" alt="">{% endblock %}'
    )
    settings.TEMPLATES[0]["DIRS"].append(tmp_path)
    engines._engines = {}  # pick up the extra template folder
    caches["pdf"].clear()
    yield "t.html"
    engines._engines = {}


def pdfinfo(content: bytes, tmp_path) -> dict:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.stdout.splitlines())
    }


def test_same_content_gives_the_same_bytes(template):
    first = render_pdf_bytes(template, {"who": "Riverside"})
    assert first.startswith(b"%PDF")
    assert render_pdf_bytes(template, {"who": "Riverside"}) == first
    assert render_pdf_bytes(template, {"who": "Lakeview"}) != first


def test_text_is_real_and_header_and_page_numbers_print(template, tmp_path):
    pdf_file = tmp_path / "out.pdf"
    pdf_file.write_bytes(render_pdf_bytes(template, {"who": "Riverside"}))
    assert shutil.which("pdftotext"), "poppler-utils missing"
    text = subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, text=True).stdout
    assert "Hello Riverside" in text
    assert "Header Riverside" in text
    assert "Page 1 of 1" in text


def test_pdfs_are_tagged_pdf_ua_with_language_and_title(template, tmp_path):
    info = pdfinfo(render_pdf_bytes(template, {"who": "Riverside"}), tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Doc Riverside"
    assert b"/Lang (en)" in _objects(render_pdf_bytes(template, {"who": "Riverside"}))


def _objects(content: bytes) -> bytes:
    """The PDF's objects with compressed object streams inflated (the catalog is in one)."""
    inflated = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompress(stream))
    return b"\n".join(inflated)


def test_the_network_is_never_fetched_and_static_files_are_read_from_disk():
    with pytest.raises(ValueError, match="does not fetch"):
        StaticOnlyFetcher().fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError, match="no static file"):
        StaticOnlyFetcher().fetch("file:///static/css/missing.css")
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch("file:///static/../../../etc/passwd")
    fetched = StaticOnlyFetcher().fetch("file:///static/css/pdf.css")
    assert b"@page" in fetched.string if hasattr(fetched, "string") else b"@page" in fetched.read()


def _get(etag=None, since=None):
    request = HttpRequest()
    request.method = "GET"
    if etag:
        request.META["HTTP_IF_NONE_MATCH"] = etag
    if since:
        request.META["HTTP_IF_MODIFIED_SINCE"] = since
    return request


def test_response_is_cached_by_content_and_a_conditional_repeat_gets_304(template):
    first = pdf_response(template, {"who": "x"}, filename="x.pdf", request=_get())
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    with mock.patch.object(pdf, "_render", side_effect=AssertionError("rendered again")):
        # Same content: the bytes come from the cache, not WeasyPrint.
        again = pdf_response(template, {"who": "x"}, filename="x.pdf", request=_get())
        assert again.status_code == 200 and again.content == first.content
        repeat = pdf_response(template, {"who": "x"}, filename="x.pdf", request=_get(first["ETag"]))
        assert repeat.status_code == 304 and repeat.content == b""
        assert repeat["ETag"] == first["ETag"]
        since = pdf_response(
            template, {"who": "x"}, filename="x.pdf", request=_get(since=first["Last-Modified"])
        )
        assert since.status_code == 304
    # Other content: another ETag, a fresh render, and the old ETag no longer matches.
    changed = pdf_response(template, {"who": "y"}, filename="x.pdf", request=_get(first["ETag"]))
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    old = http_date(time.time() - 3600)
    assert (
        pdf_response(template, {"who": "y"}, filename="x.pdf", request=_get(since=old)).status_code
        == 200
    )
