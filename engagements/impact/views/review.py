"""The year-end review (from 60 days before the contract ends) and a partner across years."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from engagements import selectors as engagement_selectors
from engagements.impact import review as services
from engagements.impact.feedback_selectors import feedback_of
from engagements.impact.forms import YearEndReviewForm
from engagements.impact.models import YearEndReview
from engagements.impact.portfolio import portfolio_rows
from engagements.impact.selectors import engagement_impact
from engagements.impact.services import ImpactRefused
from engagements.progress import MET
from engagements.views.common import engagement_for, today


def _context(engagement):
    page = engagement_selectors.engagement_page(engagement=engagement, today=today())
    row = page["engagement"]
    return {
        "engagement": row,
        "goals": page["goals"],
        "goals_met": sum(1 for goal in page["goals"] if goal.progress.status == MET),
        "plan": page["plan"],
        "plan_items": page["plan_items"],
        "feedback": feedback_of(engagement),
        **engagement_impact(row, today=today()),
        "offered": services.review_offered(engagement, today()),
        "review": YearEndReview.objects.filter(engagement=engagement)
        .select_related("next_engagement", "decided_by")
        .first(),
        "can_edit": engagement.can_edit,
    }


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    """Goals met or not with evidence, feedback, delivery, spend, the playbook's decision
    questions as a retrospective, and the decision."""
    engagement = engagement_for(request, pk, edit=request.method == "POST")
    context = _context(engagement)
    status, error = 200, None
    if request.method == "POST":
        form = YearEndReviewForm(request.POST)
        if form.is_valid():
            try:
                done = services.review_decide(
                    engagement=engagement,
                    goals=context["goals"],
                    user=request.user,
                    today=today(),
                    **form.cleaned_data,
                )
            except ImpactRefused as exc:
                error, status = exc.message, 409
            else:
                if done.next_engagement:
                    messages.success(
                        request,
                        "Renewed: next year's engagement carries the role, the protocol, the "
                        "goals re-baselined and the unfinished plan rows. Check its terms.",
                    )
                    return redirect(done.next_engagement)
                messages.success(request, "Closed at the year-end review.")
                return redirect("impact:review", pk=pk)
        else:
            status = 400
    else:
        form = YearEndReviewForm()
    context.update(form=form, error=error)
    return render(request, "impact/review.html", context, status=status)


@login_required
@require_GET
def years(request, pk):
    """This partner's engagements with the district across years, on one page."""
    engagement = engagement_for(request, pk)
    rows = [
        row
        for row in portfolio_rows(
            user=request.user, district=engagement.district, today=today(), sort="partner"
        )
        if row.partner_id == engagement.partner_id
    ]
    rows.sort(key=lambda row: (row.contract_start is None, row.contract_start))
    reviews = {
        review.engagement_id: review
        for review in YearEndReview.objects.filter(engagement__in=[row.pk for row in rows])
    }
    for row in rows:
        row.review = reviews.get(row.pk)
    return render(request, "impact/years.html", {"engagement": engagement, "rows": rows})
