from decimal import Decimal

from django import forms
from django.core.validators import MaxLengthValidator

from engagements.forms import DateInput
from engagements.impact.models import ContingentAmount, DistrictCommitment, Invoice, YearEndReview
from plpg import formats

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.01")}


class InvoiceForm(forms.Form):
    number = forms.CharField(label="Invoice number", max_length=60)
    date = forms.DateField(label="Invoice date", widget=DateInput)
    amount = forms.DecimalField(label="Amount (USD)", **MONEY)
    period_start = forms.DateField(label="Period from", widget=DateInput)
    period_end = forms.DateField(label="Period to", widget=DateInput)
    status = forms.ChoiceField(choices=Invoice.Status.choices, initial=Invoice.Status.RECEIVED)


class InvoiceStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Invoice.Status.choices)


class TermsForm(forms.Form):
    base_amount = forms.DecimalField(
        label="Base amount (USD)", max_digits=12, decimal_places=2, min_value=Decimal(0)
    )


class ContingentForm(forms.Form):
    goal = forms.ModelChoiceField(queryset=None, empty_label=None)
    amount = forms.DecimalField(label="Contingent amount (USD)", **MONEY)
    rule = forms.ChoiceField(label="Payout rule", choices=ContingentAmount.Rule.choices)
    floor = forms.DecimalField(
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text="Linear rule only: nothing is paid at or below this value.",
    )
    measurement_date = forms.DateField(widget=DateInput)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class VerifiedValueForm(forms.Form):
    value = forms.DecimalField(label="Verified value", max_digits=10, decimal_places=2)


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label="The district commits to",
        max_length=300,
        help_text="e.g. Coaches released for weekly planning",
    )


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(choices=DistrictCommitment.Status.choices)


class FeedbackLinkForm(forms.Form):
    session = forms.ModelChoiceField(queryset=None, empty_label=None, label="Session")
    can_statement = forms.CharField(
        label="“I can …” statement",
        max_length=200,
        help_text="From the session's objective, e.g. I can plan a lesson with the IM structure.",
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: (
            f"{formats.day(s.date)} · {s.plan_item.name}"
        )


SCALE_CHOICES = [(1, "Strongly disagree"), (2, "Disagree"), (3, "Agree"), (4, "Strongly agree")]


class FeedbackAnswerForm(forms.Form):
    """The participant's form: four statements on the 1–4 scale and one comment."""

    relevance = forms.TypedChoiceField(choices=SCALE_CHOICES, coerce=int, widget=forms.RadioSelect)
    facilitation = forms.TypedChoiceField(
        choices=SCALE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    learning = forms.TypedChoiceField(choices=SCALE_CHOICES, coerce=int, widget=forms.RadioSelect)
    intended_use = forms.TypedChoiceField(
        choices=SCALE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": "1000"}),
        label="Anything else? (optional)",
    )


class YearEndReviewForm(forms.ModelForm):
    class Meta:
        model = YearEndReview
        fields = ["vision", "capacity", "coherence", "next_contract", "evidence", "decision",
                  "changes"]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 3, "maxlength": "10000"})
            for name in ("vision", "capacity", "coherence", "next_contract", "evidence", "changes")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget = forms.RadioSelect(
            choices=self.fields["decision"].choices[1:]
        )
        for name in ("vision", "capacity", "coherence", "next_contract", "evidence", "changes"):
            self.fields[name].max_length = 10_000
            self.fields[name].validators.append(MaxLengthValidator(10_000))
