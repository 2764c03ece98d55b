from django.utils.functional import SimpleLazyObject

SESSION_KEY = "active_district_id"


def _active_membership(request):
    if not request.user.is_authenticated:
        return None
    memberships = list(request.user.memberships.select_related("district"))
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.district_id == wanted:
            return membership
    return memberships[0] if memberships else None


class ActiveDistrictMiddleware:
    """Sets ``request.membership``: the user's membership in the district they work in now.

    A user in several districts switches with the district switcher; the choice is kept in
    the session. Views still fetch objects through scoped querysets, never through this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = SimpleLazyObject(lambda: _active_membership(request))
        return self.get_response(request)


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A parameter that is nothing but a number too large for a database id (2**63 - 1).
_HUGE_NUMBER = 19


class BadInputMiddleware:
    """Refuse input no page can use, before any view runs (nothing is read or saved):

    - 415 for a POST whose body is not a form (JSON, XML, text): every view here is a
      form view, and parsing another body as a form would read it as "all fields empty";
    - 400 for a NUL byte in any query or form parameter (PostgreSQL text cannot hold it);
    - 400 for a form field that is only a number too large for an id (SQLite cannot bind it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            has_body = request.META.get("CONTENT_LENGTH", "") not in ("", "0")
            if has_body and content_type not in FORM_CONTENT_TYPES:
                return _refuse(
                    "Not saved: this address accepts form submissions only "
                    "(application/x-www-form-urlencoded or multipart/form-data).",
                    415,
                )
        problem = _bad_parameter(request.GET, numbers=False) or (
            _bad_parameter(request.POST, numbers=True) if request.method == "POST" else None
        )
        if problem:
            return _refuse(problem, 400)
        return self.get_response(request)


def _bad_parameter(params, *, numbers: bool):
    """Why params cannot be used, or None. Huge numbers only matter in forms (a query string's
    bad id is ignored by the page, through plpg.params)."""
    for key, values in params.lists():
        for value in (key, *values):
            if "\x00" in value:
                return "Not saved: a parameter contains a NUL character."
            digits = value.strip().lstrip("-")
            if (
                numbers
                and len(digits) >= _HUGE_NUMBER
                and digits.isdigit()
                and int(digits) >= 2**63
            ):
                return f"Not saved: “{key[:40]}” is a number too large to be an id."
    return None


def _refuse(message, status):
    from django.http import HttpResponse

    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
