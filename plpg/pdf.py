"""PDF rendering with WeasyPrint, shared by every app's reports.

Nothing is fetched from the network: only the app's own static files are read, straight
from disk. The same content gives the same bytes (no timestamps, a fixed identifier), so an
unchanged PDF can be cached by its content.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")


class StaticOnlyFetcher(URLFetcher):
    """Serve /static/... from disk; refuse everything else (no network while rendering)."""

    def fetch(self, url, headers=None):
        if url.startswith("file://") and STATIC_PREFIX in url:
            name = url.split(STATIC_PREFIX, 1)[1]
            found = finders.find(name)
            if not found and settings.STATIC_ROOT:
                # Deployed (DEBUG off): {% static %} names the hashed copy collectstatic wrote.
                collected = Path(settings.STATIC_ROOT) / name
                found = str(collected) if collected.is_file() else None
            if found:
                return super().fetch(Path(found).as_uri(), headers)
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"PDF rendering does not fetch {url}")


def render_pdf_bytes(template_name: str, context: dict, request=None) -> bytes:
    """Render template_name to PDF bytes."""
    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url="file:///", url_fetcher=StaticOnlyFetcher())
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    return document.write_pdf(pdf_identifier=identifier)


def pdf_response(template_name: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    """An inline PDF response with an ETag of its content."""
    content = render_pdf_bytes(template_name, context, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    return response
