"""PDF rendering with WeasyPrint, shared by every app's reports.

Nothing is fetched from the network: only the app's own static files are read, straight
from disk — the collected (hashed) files under STATIC_ROOT in production, the source files
through the staticfiles finders in development. Every PDF is a tagged PDF/UA-1 document
(language and title from the template's <html lang> and <title>).

Caching is by content: the rendered HTML is hashed, and that hash is the cache key and the
ETag. The bytes live in the "pdf" cache (settings.CACHES: a database table by default, so
every app server shares it); a changed document has another hash, so nothing is ever
invalidated by hand. A repeat request that sends the ETag back gets a 304 without rendering.
"""

import hashlib
import time
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")
PDF_VARIANT = "pdf/ua-1"
# Part of every key: a new WeasyPrint or variant renders anew.
RENDERER = f"weasyprint-{weasyprint.__version__}-{PDF_VARIANT}"


def static_path(name: str) -> str | None:
    """The file on disk for a static name as {% static %} wrote it (hashed or not)."""
    try:
        if staticfiles_storage.exists(name):  # collected: hashed names in production
            return staticfiles_storage.path(name)
        return finders.find(name)
    except SuspiciousFileOperation:  # ../ out of the static folders
        return None


class StaticOnlyFetcher(URLFetcher):
    """Serve /static/... from disk; refuse everything else (no network while rendering)."""

    def fetch(self, url, headers=None):
        if url.startswith("file://") and STATIC_PREFIX in url:
            found = static_path(url.split(STATIC_PREFIX, 1)[1].split("?", 1)[0])
            if found:
                return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"PDF rendering found no static file for {url}")
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"PDF rendering does not fetch {url}")


def _render(html: str, key: str) -> bytes:
    document = HTML(string=html, base_url="file:///", url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_identifier=key[:32].encode(), pdf_variant=PDF_VARIANT)


def content_key(html: str) -> str:
    return hashlib.sha256(f"{RENDERER}\n{html}".encode()).hexdigest()


def render_pdf_bytes(template_name: str, context: dict, request=None) -> bytes:
    """Render template_name to PDF bytes (uncached; the same content gives the same bytes)."""
    html = render_to_string(template_name, context, request=request)
    return _render(html, content_key(html))


def cached_pdf(html: str) -> tuple[str, float, bytes]:
    """(key, rendered-at timestamp, bytes) for this HTML, rendering only on a cache miss."""
    key = content_key(html)
    cache = caches["pdf"]
    entry = cache.get(key)
    if entry is None:
        entry = (time.time(), _render(html, key))
        cache.set(key, entry)
    return key, entry[0], entry[1]


def pdf_response(template_name: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    """An inline PDF response, cached by content, with ETag and Last-Modified.

    A conditional repeat (If-None-Match with the same ETag) is answered 304 from the hash
    of the HTML alone: no cache read, no rendering.
    """
    html = render_to_string(template_name, context, request=request)
    key = content_key(html)
    etag = f'"{key[:32]}"'
    if request is not None and request.headers.get("If-None-Match"):
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return _private(not_modified, etag)
    key, rendered_at, content = cached_pdf(html)
    if request is not None:
        not_modified = get_conditional_response(request, etag=etag, last_modified=int(rendered_at))
        if not_modified is not None:
            return _private(not_modified, etag)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Last-Modified"] = http_date(rendered_at)
    return _private(response, etag)


def _private(response: HttpResponse, etag: str) -> HttpResponse:
    # District data: only the signed-in browser keeps it, and it asks again every time.
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response
