from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q

from interviews.models import (
    NOTE_MAX_LENGTH,
    SCALE,
    Guide,
    Interview,
    NonNegotiableResult,
    Scorecard,
    SectionKind,
    Selection,
)
from interviews.services.selections import (
    ANSWER_RULE,
    MIN_ANSWER_CHARS,
    PANEL_LIMIT,
    decision_problems,
)
from partners.models import Partner
from plpg.forms import SentTextRequired
from plpg.models import Membership, User

RATING_CHOICES = [(str(value), f"{value} · {label}") for value, label in SCALE] + [
    ("na", "Not addressed")
]


def limit_length(field, limit=NOTE_MAX_LENGTH):
    """Cap a model TextField's form field: a clear form error instead of megabytes stored."""
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)


def parse_rating(value: str):
    """(score, not_addressed) from a form value: '1'–'4', 'na', or '' (cleared)."""
    if value == "na":
        return None, True
    if value in ("", None):
        return None, False
    if value in {"1", "2", "3", "4"}:
        return int(value), False
    raise forms.ValidationError("Choose 1–4 or “not addressed”.")


class SelectionForm(SentTextRequired, forms.ModelForm):
    class Meta:
        model = Selection
        fields = [
            "title",
            "needs",
            "phases",
            "content_area",
            "curricula",
            "grade_bands",
            "budget_band",
            "guide",
        ]
        widgets = {
            "needs": forms.Textarea(attrs={"rows": 4}),
            "phases": forms.CheckboxSelectMultiple,
            "curricula": forms.CheckboxSelectMultiple,
            "grade_bands": forms.CheckboxSelectMultiple,
        }
        labels = {"budget_band": "Budget band", "guide": "Interview guide"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guide"].queryset = Guide.objects.usable_by(user)
        self.fields["guide"].required = False
        self.fields["guide"].empty_label = "The playbook's guide (default)"
        self.fields["content_area"].empty_label = "Any content area"
        self.fields["budget_band"].empty_label = "Not sure yet"
        self.fields["curricula"].queryset = (
            self.fields["curricula"]
            .queryset.select_related("content_area")
            .order_by("content_area__position", "name")
        )
        self.fields["curricula"].label_from_instance = lambda c: f"{c.name} ({c.content_area})"
        limit_length(self.fields["needs"])


class ShortlistAddForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label="Partner")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: "published" depends on today's date (a profile lapses after 15
        # months without review), which a queryset made at import would freeze.
        self.fields["partner"].queryset = Partner.objects.published()

    def options(self):
        """The select's options: every published partner, from the directory's index (the
        same published rule as the queryset that validates the choice)."""
        from partners.index import directory_index

        return directory_index().partner_options


class NonNegotiableForm(forms.Form):
    text = forms.CharField(max_length=500, label="Non-negotiable")


class InterviewForm(forms.ModelForm):
    scheduled_at = forms.DateTimeField(
        label="Date and time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    kinds = forms.MultipleChoiceField(
        label="Sections in scope",
        choices=SectionKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="General plus the phases of the selection, unless you change it.",
    )

    class Meta:
        model = Interview
        fields = [
            "partner",
            "scheduled_at",
            "duration_minutes",
            "location",
            "video_url",
            "guide",
            "panel",
            "notes",
        ]
        widgets = {
            "panel": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "panel": "Each panelist is emailed the details with a calendar invitation.",
            "notes": "Shown to the panel on the interview page and in the invitation.",
        }

    def __init__(self, *args, selection, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            Q(shortlist_entries__selection=selection) | Q(interviews__selection=selection)
        ).distinct()
        self.fields["guide"].queryset = Guide.objects.usable_by(user) | Guide.objects.filter(
            pk=getattr(self.instance, "guide_id", None) or 0
        )
        self.fields["panel"].queryset = User.objects.filter(
            memberships__district=selection.district,
            memberships__role__in=[Membership.Role.LEAD, Membership.Role.INTERVIEWER],
        ).distinct()
        self.fields["panel"].label_from_instance = lambda u: u.display_name
        limit_length(self.fields["notes"])
        self.fields["partner"].empty_label = "Choose a shortlisted partner"
        self.fields["guide"].empty_label = "Choose a guide"
        self.fields["duration_minutes"].required = False
        self.fields["duration_minutes"].initial = 60
        self.fields["duration_minutes"].widget.attrs.update(min="15", max="480", step="15")
        if self.instance.pk:
            # Past interviews keep their guide version: it cannot change once scored.
            self.fields["guide"].disabled = True

    def clean_panel(self):
        panel = self.cleaned_data["panel"]
        if len(panel) > PANEL_LIMIT:
            raise forms.ValidationError(
                f"Choose at most {PANEL_LIMIT} panelists: the results show a column for each."
            )
        return panel

    def clean_duration_minutes(self):
        """Left empty: the usual hour."""
        return self.cleaned_data.get("duration_minutes") or 60


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with this provider?",
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="If yes, describe it (the lead will review it)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") and not data.get("note", "").strip():
            self.add_error("note", "Describe the conflict so the lead can decide.")
        return data


class ConflictResolveForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("allow", "May score"), ("recuse", "Recused from scoring")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH)


class RatingForm(forms.Form):
    score = forms.CharField(required=False, max_length=2)
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH, strip=False)
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)

    def clean_score(self):
        return parse_rating(self.cleaned_data["score"])


class ScorecardForm(SentTextRequired, forms.Form):
    recommendation = forms.ChoiceField(
        choices=[("", "—")] + list(Scorecard.Recommendation.choices), required=False
    )
    takeaways = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH, strip=False)
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class ConsensusForm(forms.Form):
    score = forms.ChoiceField(choices=RATING_CHOICES, label="Consensus rating")
    reason = forms.CharField(max_length=NOTE_MAX_LENGTH, label="Reason")
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput)

    def clean_score(self):
        return parse_rating(self.cleaned_data["score"])


class NonNegotiableResultForm(forms.Form):
    status = forms.ChoiceField(choices=NonNegotiableResult.Status.choices)
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH)


DECISION_QUESTIONS = [
    (
        "answer_vision",
        "Does this partner's services align with our academic vision, and will the services "
        "help us achieve our professional learning and academic goals?",
    ),
    (
        "answer_capacity",
        "Will this partner help us build capacity within our leadership team to support the "
        "implementation of HQIM beyond the contract term?",
    ),
    (
        "answer_coherence",
        "Will this partner's services support or contradict services that we are currently "
        "receiving from other professional learning vendors?",
    ),
    (
        "answer_contract",
        "What non-negotiable professional learning services, facilitator requirements, "
        "materials, or communications must be negotiated and included in the contract?",
    ),
]


class DecisionForm(forms.Form):
    chosen_partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label="Chosen partner")
    answer_vision = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX_LENGTH
    )
    answer_capacity = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX_LENGTH
    )
    answer_coherence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX_LENGTH
    )
    answer_contract = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX_LENGTH
    )
    decision_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        label="Notes",
    )
    override_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        label="Reason for deciding without a submitted scorecard",
        help_text="Only needed if the chosen partner has no submitted scorecard here. "
        "It is printed in the selection report.",
    )
    others = forms.ChoiceField(
        label="The other interviews of this selection",
        choices=[
            ("close", "Close them (keep what was scored; missing scorecards are marked)"),
            ("cancel", "Cancel them"),
        ],
        initial="close",
        required=False,  # not sent (an older form, a script): close them
        widget=forms.RadioSelect,
        help_text="Either way, scorecards not yet submitted leave the panelists' lists.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, selection, **kwargs):
        super().__init__(*args, **kwargs)
        self.selection = selection
        self.fields["chosen_partner"].queryset = Partner.objects.filter(
            shortlist_entries__selection=selection
        ).distinct()
        self.fields["chosen_partner"].empty_label = "Choose the partner"
        for name, label in DECISION_QUESTIONS:
            self.fields[name].label = label
            self.fields[name].help_text = ANSWER_RULE
            self.fields[name].widget.attrs["minlength"] = str(MIN_ANSWER_CHARS)

    def clean(self):
        data = super().clean()
        problems = decision_problems(
            selection=self.selection,
            partner=data.get("chosen_partner"),
            answers={name: data[name] for name, _ in DECISION_QUESTIONS if name in data},
            override_reason=data.get("override_reason", ""),
        )
        for field, message in problems.items():
            self.add_error(None if field == "__all__" else field, message)
        return data


class GuideItemForm(forms.Form):
    text = forms.CharField(max_length=5000, required=False, strip=True)
    weight = forms.DecimalField(
        min_value=0, max_value=100, decimal_places=2, max_digits=5, required=False
    )
    title = forms.CharField(max_length=200, required=False)


class GuideMoveForm(forms.Form):
    direction = forms.TypedChoiceField(
        choices=[("up", "up"), ("down", "down")], coerce=lambda value: -1 if value == "up" else 1
    )


class GuideSettingsForm(SentTextRequired, forms.ModelForm):
    class Meta:
        model = Guide
        fields = ["name", "preparation"]
        widgets = {"preparation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(self.fields["preparation"])
