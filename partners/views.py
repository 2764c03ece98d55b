from django.shortcuts import render

from partners.models import Partner


def partner_list(request):
    partners = Partner.objects.published()
    return render(request, "partners/partner_list.html", {"partners": partners})


def diagnostic(request):
    return render(request, "partners/diagnostic.html")
