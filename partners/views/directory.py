"""The public directory (/partners/) and its CSV export, both through directory_search."""

import csv
from urllib.parse import urlencode

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from partners.selectors import ALL_PARAMS, directory_search
from partners.taxonomy import TAXONOMIES
from plpg.htmx import is_htmx
from plpg.models import District


def my_district_context(request) -> dict | None:
    """The signed-in member's own district's locale and size, for "districts like mine"."""
    membership = getattr(request, "membership", None)
    if not request.user.is_authenticated or not membership:
        return None
    district = membership.district
    values = [v for v in (district.locale, district.enrollment_band) if v]
    if not values:
        return None
    labels = []
    if district.locale:
        labels.append(District.Locale(district.locale).label.lower())
    if district.enrollment_band:
        labels.append(District.EnrollmentBand(district.enrollment_band).label.lower())
    return {
        "district": district,
        "label": " or ".join(labels),  # values of one parameter are OR-ed
        "querystring": urlencode([("context", v) for v in values]),
    }


@require_GET
def partner_list(request):
    result = directory_search(params=request.GET)
    context = {
        "result": result,
        "my_context": my_district_context(request),
        "export_url": reverse("partners:export") + "?" + result.querystring(page=None),
    }
    if is_htmx(request) and not request.headers.get("HX-History-Restore-Request"):
        response = render(request, "partners/_directory.html", {**context, "partial": True})
        # The address bar gets the tidy form of the search (no empty q= or sort=), to share.
        page = result.page_number if result.page_number > 1 else None
        query = result.querystring(page=page)
        response["HX-Push-Url"] = reverse("partners:list") + ("?" + query if query else "")
    else:
        response = render(request, "partners/partner_list.html", context)
    # The same URL answers a fragment to htmx and a page otherwise: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


CSV_COLUMNS = [
    ("slug", "slug"),
    ("name", "name"),
    ("summary", "summary"),
    ("website", "website"),
    *((t.plural, t.param) for t in TAXONOMIES),  # one column per taxonomy of the registry
]


def _safe(value) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    """A file whose write() returns what it was given: csv.writer then yields lines."""

    def write(self, value):
        return value


@require_GET
def partner_export(request):
    """Every partner matching the directory's parameters, one row each (all pages), streamed."""
    result = directory_search(
        params=request.GET, page_size=None, facets=False, card_params=ALL_PARAMS
    )
    # One reverse() for the whole file; each row fills in its slug.
    profile = request.build_absolute_uri(reverse("partners:detail", args=["slug-here"]))
    before, after = profile.split("slug-here", 1)
    header = [name for name, _ in CSV_COLUMNS] + [
        "national",
        "hq_state",
        "last_reviewed",
        "is_demo",
        "profile_url",
    ]

    def rows():
        yield header
        for card in result.partners:
            row = []
            for name, param in CSV_COLUMNS:
                if param in card.terms:
                    terms = card.terms[param]
                    if param == "state":
                        row.append("; ".join(t.slug.upper() for t in terms))
                    else:
                        row.append("; ".join(t.slug for t in terms))
                else:
                    row.append(getattr(card.partner, name))
            p = card.partner
            row += [
                "yes" if p.national else "no",
                p.hq_state.code if p.hq_state else "",
                p.last_reviewed.isoformat() if p.last_reviewed else "",
                "yes" if p.is_demo else "no",
                f"{before}{p.slug}{after}",
            ]
            yield [_safe(v) for v in row]

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="plpg-partners.csv"'
    return response
