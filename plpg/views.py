from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from plpg.middleware import SESSION_KEY
from plpg.params import id_param, next_url


def home(request):
    """The landing page for visitors; the member's starting point once signed in."""
    return render(request, "plpg/home.html")


@login_required
@require_POST
def switch_district(request):
    district_id = id_param(request.POST, "district")
    if district_id is None:
        return HttpResponseBadRequest("Choose one of your districts.")
    membership = (
        request.user.memberships.select_related("district").filter(district_id=district_id).first()
    )
    if membership is None:
        messages.error(request, "You are not a member of that district.")
        return redirect("home")
    request.session[SESSION_KEY] = membership.district_id
    messages.success(request, f"You are now working in {membership.district}.")
    return redirect(next_url(request, reverse("home")))


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means this instance cannot serve
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


def robots(request):
    return HttpResponse(
        "User-agent: *\nDisallow: /\nAllow: /partners/\n", content_type="text/plain"
    )


def bad_request(request, exception):
    """400 page; a size limit (plpg.limits.LimitReached) says which one."""
    message = getattr(exception, "user_message", "")
    return render(request, "400.html", {"message": message}, status=400)
