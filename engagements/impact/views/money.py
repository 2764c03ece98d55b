"""Invoices and outcomes-based payment terms of an engagement (district side)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from engagements import selectors as engagement_selectors
from engagements.impact import charts, selectors, services
from engagements.impact.forms import (
    CommitmentForm,
    CommitmentStatusForm,
    ContingentForm,
    InvoiceForm,
    InvoiceStatusForm,
    TermsForm,
    VerifiedValueForm,
)
from engagements.impact.models import ContingentAmount, DistrictCommitment, Invoice
from engagements.models import Engagement
from engagements.views.common import engagement_for, today


def _with_spend(engagement):
    [row] = engagement_selectors.engagements_with_cadence(
        Engagement.objects.filter(pk=engagement.pk), today=today()
    )
    selectors.spend_for([row])
    return row


def _invoices_page(request, engagement, *, form=None, error=None, status=200):
    row = _with_spend(engagement)
    return render(
        request,
        "impact/invoices.html",
        {
            "engagement": engagement,
            "spend": row.spend,
            "chart": charts.spend_chart(row.spend),
            "invoices": list(engagement.invoices.all()),
            "statuses": Invoice.Status.choices,
            "form": form or (InvoiceForm() if engagement.can_edit else None),
            "error": error,
        },
        status=status,
    )


@login_required
@require_GET
def invoices(request, pk):
    return _invoices_page(request, engagement_for(request, pk))


@login_required
@require_POST
def invoice_new(request, pk):
    engagement = engagement_for(request, pk, edit=True)
    form = InvoiceForm(request.POST)
    if not form.is_valid():
        return _invoices_page(request, engagement, form=form, status=400)
    try:
        services.invoice_add(engagement=engagement, user=request.user, **form.cleaned_data)
    except services.ImpactRefused as exc:
        return _invoices_page(request, engagement, form=form, error=exc.message, status=400)
    messages.success(request, "Invoice recorded.")
    return redirect("impact:invoices", pk=pk)


@login_required
@require_POST
def invoice_status(request, pk, invoice_pk):
    engagement = engagement_for(request, pk, edit=True)
    invoice = get_object_or_404(Invoice.objects.filter(engagement=engagement), pk=invoice_pk)
    form = InvoiceStatusForm(request.POST)
    if not form.is_valid():
        return _invoices_page(
            request, engagement, error="Choose received, approved or paid.", status=400
        )
    services.invoice_status_set(invoice=invoice, status=form.cleaned_data["status"])
    messages.success(request, f"Invoice {invoice.number}: {invoice.get_status_display().lower()}.")
    return redirect("impact:invoices", pk=pk)


@login_required
@require_POST
def invoice_remove(request, pk, invoice_pk):
    engagement = engagement_for(request, pk, edit=True)
    invoice = get_object_or_404(Invoice.objects.filter(engagement=engagement), pk=invoice_pk)
    services.invoice_remove(invoice=invoice)
    messages.success(request, f"Invoice {invoice.number} removed. Its history keeps it.")
    return redirect("impact:invoices", pk=pk)


def _outcomes_page(request, engagement, *, status=200, error=None, **forms):
    terms = selectors.outcome_terms_of(engagement, today=today())
    goals = engagement.goals.all()
    context = {
        "engagement": engagement,
        "terms": terms,
        "error": error,
        "today": today(),
        "terms_form": forms.get("terms_form")
        or TermsForm(initial={"base_amount": terms.base_amount if terms else None}),
        "contingent_form": forms.get("contingent_form") or ContingentForm(goals=goals),
        "commitment_form": forms.get("commitment_form") or CommitmentForm(),
        "commitment_statuses": DistrictCommitment.Status.choices,
        "has_goals": goals.exists(),
    }
    return render(request, "impact/outcomes.html", context, status=status)


@login_required
@require_GET
def outcomes(request, pk):
    return _outcomes_page(request, engagement_for(request, pk))


@login_required
@require_POST
def terms_set(request, pk):
    engagement = engagement_for(request, pk, edit=True)
    form = TermsForm(request.POST)
    if not form.is_valid():
        return _outcomes_page(request, engagement, terms_form=form, status=400)
    try:
        services.terms_set(engagement=engagement, base_amount=form.cleaned_data["base_amount"])
    except services.ImpactRefused as exc:
        return _outcomes_page(request, engagement, terms_form=form, error=exc.message, status=400)
    messages.success(request, "Base amount saved.")
    return redirect("impact:outcomes", pk=pk)


def _terms_or_refuse(request, engagement, **forms):
    terms = getattr(engagement, "outcome_terms", None)
    if terms is None:
        return None, _outcomes_page(
            request, engagement, error="Set the base amount first.", status=400, **forms
        )
    return terms, None


@login_required
@require_POST
def contingent_new(request, pk):
    engagement = engagement_for(request, pk, edit=True)
    form = ContingentForm(request.POST, goals=engagement.goals.all())
    terms, refusal = _terms_or_refuse(request, engagement, contingent_form=form)
    if refusal:
        return refusal
    if not form.is_valid():
        return _outcomes_page(request, engagement, contingent_form=form, status=400)
    try:
        services.contingent_add(terms=terms, **form.cleaned_data)
    except services.ImpactRefused as exc:
        return _outcomes_page(
            request, engagement, contingent_form=form, error=exc.message, status=400
        )
    messages.success(request, "Contingent amount added.")
    return redirect("impact:outcomes", pk=pk)


@login_required
@require_POST
def payout_record(request, pk, contingent_pk):
    engagement = engagement_for(request, pk, edit=True)
    contingent = get_object_or_404(
        ContingentAmount.objects.filter(terms__engagement=engagement), pk=contingent_pk
    )
    form = VerifiedValueForm(request.POST)
    if not form.is_valid():
        return _outcomes_page(request, engagement, error="Give the verified value.", status=400)
    try:
        row = services.payout_record(
            contingent=contingent,
            value=form.cleaned_data["value"],
            user=request.user,
            today=today(),
        )
    except services.ImpactRefused as exc:
        return _outcomes_page(request, engagement, error=exc.message, status=400)
    messages.success(request, f"Payout computed: {row.computation}")
    return redirect("impact:outcomes", pk=pk)


@login_required
@require_POST
def commitment_new(request, pk):
    engagement = engagement_for(request, pk, edit=True)
    form = CommitmentForm(request.POST)
    terms, refusal = _terms_or_refuse(request, engagement, commitment_form=form)
    if refusal:
        return refusal
    if not form.is_valid():
        return _outcomes_page(request, engagement, commitment_form=form, status=400)
    services.commitment_add(terms=terms, text=form.cleaned_data["text"])
    messages.success(request, "District commitment added.")
    return redirect("impact:outcomes", pk=pk)


@login_required
@require_POST
def commitment_status(request, pk, commitment_pk):
    engagement = engagement_for(request, pk, edit=True)
    commitment = get_object_or_404(
        DistrictCommitment.objects.filter(terms__engagement=engagement), pk=commitment_pk
    )
    form = CommitmentStatusForm(request.POST)
    if not form.is_valid():
        return _outcomes_page(request, engagement, error="Choose a status.", status=400)
    services.commitment_status_set(commitment=commitment, status=form.cleaned_data["status"])
    messages.success(request, "Commitment updated.")
    return redirect("impact:outcomes", pk=pk)
