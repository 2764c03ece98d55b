"""Small request helpers for htmx, shared by every app."""


def is_htmx(request) -> bool:
    """Whether htmx sent the request (it then wants a fragment, not a page)."""
    return request.headers.get("HX-Request") == "true"
