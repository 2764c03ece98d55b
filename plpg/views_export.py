"""/district/export.zip: everything of the active district, for its lead."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from plpg import history
from plpg.exchange import district_export, export_zip
from plpg.views_trash import lead_district


@login_required
@require_GET
def district_export_zip(request):
    """The zip of the district's data (JSON + CSVs); the export is recorded in its history."""
    district = lead_district(request)
    payload = export_zip(district_export(district))
    history.note(district, reason="Exported the district (zip)", user=request.user)
    response = HttpResponse(payload, content_type="application/zip")
    name = f"{district.slug}-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
