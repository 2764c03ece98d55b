"""PDF responses: plpg.pdf when it imports; a same-behaviour stand-in for WeasyPrint ≥ 70.

plpg/pdf.py imports ``weasyprint.default_url_fetcher``, which WeasyPrint 70 (installed)
no longer has. Until the core is fixed, this renders with a ``URLFetcher`` subclass that
keeps the same promises: only the app's own static files are read, no network, and the
same content gives the same bytes.
"""

import hashlib

try:
    from plpg.pdf import pdf_response
except ImportError:
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.http import HttpResponse
    from django.template.loader import render_to_string
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")

    class StaticOnlyFetcher(URLFetcher):
        """Serve /static/... from disk; refuse everything else."""

        def fetch(self, url, headers=None):
            if url.startswith("file://") and STATIC_PREFIX in url:
                found = finders.find(url.split(STATIC_PREFIX, 1)[1])
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"PDF rendering does not fetch {url}")

    def render_pdf_bytes(template_name, context, request=None) -> bytes:
        html = render_to_string(template_name, context, request=request)
        document = HTML(string=html, base_url="file:///", url_fetcher=StaticOnlyFetcher())
        identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
        return document.write_pdf(pdf_identifier=identifier)

    def pdf_response(template_name, context, *, filename, request=None):
        content = render_pdf_bytes(template_name, context, request=request)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["ETag"] = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
        return response


__all__ = ["pdf_response"]
