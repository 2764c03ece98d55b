"""Forms of the RFP pages (district side) and the proposal pages (partner side)."""

from django import forms

from interviews.models import RFP
from interviews.models_rfp import RFP_TEXT_MAX_LENGTH, TEXT_REQUIREMENTS
from interviews.services.selections import PANEL_LIMIT
from partners.models import Partner
from plpg.models import Membership, User

DATETIME = {
    "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    "input_formats": ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
}


class DateInput(forms.DateInput):
    input_type = "date"


class RFPForm(forms.ModelForm):
    """Title and timeline (creating the RFP generates its sections from the selection)."""

    proposals_due = forms.DateTimeField(label="Proposals due (date and time)", **DATETIME)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RFP
        fields = [
            "title",
            "questions_due",
            "proposals_due",
            "interviews_on",
            "decision_on",
            "services_start",
        ]
        widgets = {
            "questions_due": DateInput,
            "interviews_on": DateInput,
            "decision_on": DateInput,
            "services_start": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.status != RFP.Status.DRAFT:
            # Published: the deadline moves only by an extension, for everyone.
            self.fields["proposals_due"].disabled = True
            self.fields["proposals_due"].help_text = "Published: extend the deadline below."

    def clean(self):
        data = super().clean()
        due = data.get("proposals_due")
        questions = data.get("questions_due")
        if due and questions and questions > due.date():
            self.add_error("questions_due", "Questions are due before the proposals.")
        return data


class SectionForm(forms.Form):
    text = forms.CharField(
        max_length=RFP_TEXT_MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class InviteForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )
    other = forms.ModelChoiceField(
        label="Another partner from the directory",
        queryset=Partner.objects.none(),
        required=False,
        empty_label="Choose a partner…",
    )

    def __init__(self, *args, selection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.filter(
            shortlist_entries__selection=selection
        ).order_by("name")
        self.fields["partners"].label = "Shortlisted partners"
        self.fields["other"].queryset = Partner.objects.published().order_by("name")

    def chosen(self) -> list:
        chosen = list(self.cleaned_data["partners"])
        if self.cleaned_data["other"] and self.cleaned_data["other"] not in chosen:
            chosen.append(self.cleaned_data["other"])
        return chosen


class ExtendForm(forms.Form):
    proposals_due = forms.DateTimeField(label="New deadline", **DATETIME)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        max_length=RFP_TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    """The panel that scores a proposal: the district's leads and interviewers."""

    panel = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = (
            User.objects.filter(
                memberships__district=district,
                memberships__role__in=[Membership.Role.LEAD, Membership.Role.INTERVIEWER],
            )
            .distinct()
            .order_by("last_name", "email")
        )
        self.fields["panel"].label_from_instance = lambda u: u.display_name

    def clean_panel(self):
        panel = self.cleaned_data["panel"]
        if len(panel) > PANEL_LIMIT:
            raise forms.ValidationError(f"Choose at most {PANEL_LIMIT} panelists.")
        return panel


# --- partner side ----------------------------------------------------------------------------


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposalForm(forms.Form):
    """One text per requirement, and the total cost."""

    cost = forms.DecimalField(
        label="Total cost (US$)", min_value=0, max_digits=12, decimal_places=2, required=False
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in TEXT_REQUIREMENTS:
            self.fields[f"answer_{key}"] = forms.CharField(
                label=label,
                max_length=RFP_TEXT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def answers(self) -> dict:
        return {key: self.cleaned_data[f"answer_{key}"] for key, _ in TEXT_REQUIREMENTS}


class SequenceForm(forms.Form):
    text = forms.CharField(
        label="Paste the table (seed format: one row per line, cells separated by tabs)",
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(label="…or upload the CSV/XLSX template", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError("Paste the table or upload a file.")
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label="File (PDF, Word, Excel or PowerPoint)")
