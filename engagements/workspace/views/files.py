"""Serving a workspace file (a material version, a document, a sign-in sheet): only through
an access-checked view, as an attachment nobody caches, each download in the history."""

from django.http import FileResponse, Http404

from partners.uploads import CONTENT_TYPES


def private_file(field, *, kind: str, filename: str, recorded) -> FileResponse:
    """The file of ``field`` as a private attachment; ``recorded()`` is called once the file
    is open (so a missing file, a 404, is not recorded as downloaded)."""
    if not field:
        raise Http404("No file.")
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is missing.") from exc
    recorded()
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
        as_attachment=True,
        filename=filename,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
