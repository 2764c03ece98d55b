"""Two to four partners side by side (/partners/compare/?p=…&p=…)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.comparison import partners_compare, partners_for_compare

MAX_COMPARE = 4


@require_GET
def partner_compare(request):
    slugs = list(dict.fromkeys(s.strip() for s in request.GET.getlist("p") if s.strip()))
    notices = []
    if len(slugs) > MAX_COMPARE:
        notices.append(f"You can compare up to {MAX_COMPARE} partners; the first four are shown.")
        slugs = slugs[:MAX_COMPARE]
    partners = partners_for_compare(slugs=[s[:200] for s in slugs], user=request.user)
    missing = [s for s in slugs if s not in {p.slug for p in partners}]
    if missing:
        notices.append(
            "Not found in the directory: " + ", ".join(f"“{s[:60]}”" for s in missing) + "."
        )
    rows = partners_compare(partners=partners) if len(partners) >= 2 else []
    return render(
        request,
        "partners/partner_compare.html",
        {"partners": partners, "rows": rows, "notices": notices},
    )
