"""The district's portfolio page and its CSV."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from engagements.impact.feedback import MIN_RESPONSES
from engagements.impact.portfolio import SORTS, portfolio_rows
from engagements.progress import STATUS_LABELS
from engagements.views.common import today
from engagements.views.dashboard import _district_or_page


def _sort(request) -> tuple[str, bool]:
    value = request.GET.get("sort", "partner")
    descending = value.startswith("-")
    value = value.lstrip("-")
    return (value, descending) if value in SORTS else ("partner", False)


@login_required
@require_GET
def portfolio(request):
    """Where the PL budget goes and what it buys: every engagement side by side."""
    district, page = _district_or_page(request)
    if district is None:
        return page
    sort, descending = _sort(request)
    rows = portfolio_rows(
        user=request.user, district=district, today=today(), sort=sort, descending=descending
    )
    columns = [
        {
            "key": key,
            "label": label,
            "active": key == sort,
            "descending": descending,
            "next": f"-{key}" if key == sort and not descending else key,
        }
        for key, (label, _fn) in SORTS.items()
    ]
    return render(
        request,
        "impact/portfolio.html",
        {
            "district": district,
            "rows": rows,
            "columns": columns,
            "sort": sort,
            "status_labels": STATUS_LABELS,
            "min_responses": MIN_RESPONSES,
        },
    )


@login_required
@require_GET
def portfolio_csv(request):
    district, page = _district_or_page(request)
    if district is None:
        return page
    sort, descending = _sort(request)
    rows = portfolio_rows(
        user=request.user, district=district, today=today(), sort=sort, descending=descending
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="portfolio-{district.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "partner", "engagement", "status", "contract_start", "contract_end",
            "contract_amount", "spent", "awaiting_approval", "spent_percent",
            "delivered_sessions", "planned_sessions", "delivered_percent",
            "spend_ahead_warning", "feedback_responses", "feedback_mean",
            "goals", "goals_met", "goals_on_track", "goals_at_risk", "goals_off_track",
        ]
    )  # fmt: skip
    for e in rows:
        counts = dict(e.goal_counts)
        writer.writerow(
            [
                e.partner.name, e.title, e.status,
                e.contract_start.isoformat() if e.contract_start else "",
                e.contract_end.isoformat() if e.contract_end else "",
                e.amount if e.amount is not None else "", e.spend.spent, e.spend.awaiting,
                e.spend.spent_percent if e.spend.spent_percent is not None else "",
                e.plan.delivered, e.plan.total, e.plan.percent,
                "yes" if e.spend.warning else "no", e.feedback_count,
                e.feedback_mean if e.feedback_mean is not None else "",
                e.goals_total, counts.get("met", 0), counts.get("on-track", 0),
                counts.get("at-risk", 0), counts.get("off-track", 0),
            ]
        )  # fmt: skip
    return response
