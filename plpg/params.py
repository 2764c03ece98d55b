"""One way to read request parameters: ids, integers and ``next`` URLs never raise.

Views call these instead of ``int(request.POST[...])`` or ``redirect(request.POST["next"])``:
a value that is missing, not a number, out of range or pointing off-site comes back as
None (or the fallback), and the view answers with a clear 4xx.
"""

from django.core.paginator import Paginator
from django.utils.http import url_has_allowed_host_and_scheme

# The largest id a BigAutoField (and SQLite's INTEGER) holds.
MAX_ID = 2**63 - 1
# Rows on one page of a long list (plpg.params.paged).
PAGE_SIZE = 50


def int_param(params, name: str, *, default=None, min_value=None, max_value=MAX_ID):
    """params[name] as an int within [min_value, max_value], else default."""
    value = params.get(name, "")
    if not isinstance(value, str):
        return default
    value = value.strip()
    if not value or len(value) > 20 or not value.lstrip("-").isdigit():
        return default
    number = int(value)
    if (min_value is not None and number < min_value) or (
        max_value is not None and number > max_value
    ):
        return default
    return number


def id_param(params, name: str):
    """params[name] as a database id (1 … 2**63-1), else None."""
    return int_param(params, name, min_value=1)


def id_list_param(params, name: str) -> list[int]:
    """Every valid id among params.getlist(name); the rest are dropped."""
    ids = []
    for value in params.getlist(name):
        number = int_param({name: value}, name, min_value=1)
        if number is not None and number not in ids:
            ids.append(number)
    return ids


def next_url(request, fallback: str, *, name: str = "next") -> str:
    """The ``next`` path sent with the request if it is a path on this site, else fallback.

    Only absolute paths ("/…") count: "-1" or "home" would be taken for a view name by
    ``redirect`` and fail.
    """
    params = request.POST if request.method == "POST" else request.GET
    target = params.get(name, "")
    if (
        isinstance(target, str)
        and target.startswith("/")
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def paged(request, items, param: str = "page", *, size: int = PAGE_SIZE):
    """One page of ``items`` (``?<param>=n``; a bad or missing number gives the first page,
    one past the end the last), with links that keep the other parameters.

    Templates show its links with ``{% include "_pager.html" with page=… label=… %}``.
    """
    page = Paginator(items, size).get_page(int_param(request.GET, param, default=1))
    page.param = param
    page.previous_url = (
        query_with(request, **{param: page.previous_page_number()}) if page.has_previous() else None
    )
    page.next_url = (
        query_with(request, **{param: page.next_page_number()}) if page.has_next() else None
    )
    return page


def query_with(request, **values) -> str:
    """This page's query string (``?…``) with ``values`` set and the other parameters kept."""
    query = request.GET.copy()
    for name, value in values.items():
        query[name] = value
    return "?" + query.urlencode()
