"""A partner's profile (/partners/<slug>/).

Shortlisting belongs to the app that owns selections: the profile template loads that app's
picker with htmx (and links to it without JavaScript); partners imports no later app
(DESIGN.md, Layout).
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.selectors import partner_profile


@require_GET
def partner_detail(request, slug):
    partner = partner_profile(slug=slug, user=request.user)
    return render(
        request,
        "partners/partner_detail.html",
        {"partner": partner, "engagements": partner.sample_engagements.all()},
    )
