import shutil
import subprocess

import pytest
from django.template import engines

from plpg.pdf import StaticOnlyFetcher, pdf_response, render_pdf_bytes


@pytest.fixture
def template(tmp_path, settings):
    (tmp_path / "t.html").write_text(
        '{% extends "pdf/base.html" %}{% block running_header %}Header {{ who }}{% endblock %}'
        "{% block content %}<h1>Hello {{ who }}</h1>"
        '<img src="https://example.org/tracker.png" alt="">{% endblock %}'
    )
    settings.TEMPLATES[0]["DIRS"].append(tmp_path)
    engines._engines = {}  # pick up the extra template folder
    yield "t.html"
    engines._engines = {}


def test_same_content_gives_the_same_bytes(template):
    first = render_pdf_bytes(template, {"who": "Riverside"})
    assert first.startswith(b"%PDF")
    assert render_pdf_bytes(template, {"who": "Riverside"}) == first
    assert render_pdf_bytes(template, {"who": "Lakeview"}) != first


def test_text_is_real_and_header_and_page_numbers_print(template, tmp_path):
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(render_pdf_bytes(template, {"who": "Riverside"}))
    assert shutil.which("pdftotext"), "poppler-utils missing"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Hello Riverside" in text
    assert "Header Riverside" in text
    assert "Page 1 of 1" in text


def test_the_network_is_never_fetched():
    with pytest.raises(ValueError, match="does not fetch"):
        StaticOnlyFetcher().fetch("https://example.org/tracker.png")
    assert StaticOnlyFetcher().fetch("file:///static/css/pdf.css") is not None


def test_response_has_content_type_and_etag(template):
    response = pdf_response(template, {"who": "x"}, filename="x.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"].startswith('"')


def test_the_fetcher_finds_hashed_static_files_of_a_deployment(tmp_path, settings):
    """With DEBUG off {% static %} names collectstatic's hashed copy; PDFs must still get it."""
    from plpg.pdf import STATIC_PREFIX, StaticOnlyFetcher

    settings.STATIC_ROOT = str(tmp_path)
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews" / "pdf.0123abcd.css").write_text("h1 { color: red; }")
    result = StaticOnlyFetcher().fetch(f"file://{STATIC_PREFIX}interviews/pdf.0123abcd.css")
    body = result.get("string") if isinstance(result, dict) else result.read()
    assert b"color: red" in (body if isinstance(body, bytes) else body.encode())
