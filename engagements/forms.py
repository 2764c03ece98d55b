from django import forms
from django.core.validators import MaxLengthValidator

from engagements.models import (
    ActionItem,
    Audience,
    CheckIn,
    Engagement,
    Goal,
    OnboardingItem,
    PlanItem,
)
from engagements.sessions import plan_row_problem
from partners.models import Partner
from plpg import formats
from plpg.forms import SentTextRequired

TEXT_LIMIT = 10_000
IMPORT_LIMIT = 100_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _limit_text(form, limit=TEXT_LIMIT):
    """Give every free-text field a length limit, so oversized text is a form error."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and not field.max_length:
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs.setdefault("maxlength", str(limit))
        if isinstance(field.widget, forms.Textarea) and field.widget.attrs.get("rows") == "10":
            field.widget.attrs["rows"] = 3


class VersionedForm(SentTextRequired, forms.ModelForm):
    """Carries the row's version so a stale save can be refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        _limit_text(self)

    def clean_version(self):
        version = self.cleaned_data.get("version")
        if self.instance.pk and version is None:
            raise forms.ValidationError("The form is missing its version; reload the page.")
        return version


class EngagementForm(VersionedForm):
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Engagement
        fields = [
            "partner",
            "title",
            "status",
            "role_statement",
            "audiences",
            "content_areas",
            "grade_bands",
            "curricula",
            "contract_start",
            "contract_end",
            "amount",
            "cost_band",
            "checkin_cadence",
            "step_back_cadence",
            "required_language_tools",
            "protocol_materials_review",
            "protocol_escalation",
            "protocol_checkins",
        ]
        widgets = {
            "content_areas": forms.CheckboxSelectMultiple,
            "grade_bands": forms.CheckboxSelectMultiple,
            "curricula": forms.CheckboxSelectMultiple,
            "contract_start": DateInput,
            "contract_end": DateInput,
            "role_statement": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Partner.objects.published()
        if self.instance.pk:
            partners = partners | Partner.objects.filter(pk=self.instance.partner_id)
        self.fields["partner"].queryset = partners.distinct().order_by("name")
        self.fields["partner"].empty_label = "Choose the partner"
        self.fields["cost_band"].empty_label = "Not known yet"
        self.fields["amount"].min_value = 0
        self.fields["amount"].widget.attrs["min"] = "0"

    def clean_audiences(self):
        # Keep the choices' order, whatever order the browser sent them in.
        chosen = set(self.cleaned_data["audiences"])
        return [value for value, _ in Audience.choices if value in chosen]

    def clean(self):
        data = super().clean()
        start, end = data.get("contract_start"), data.get("contract_end")
        if start and end and end < start:
            self.add_error("contract_end", "The contract cannot end before it starts.")
        amount = data.get("amount")
        if amount is not None and amount < 0:
            self.add_error("amount", "The amount cannot be negative.")
        return data


# The seed's example (managing-multiple-partners.txt), shown as placeholder text.
EXAMPLE_PRIORITY = (
    "To ensure every student can engage in grade-level content and every teacher's "
    "instruction fosters mastery of that content for all students."
)
EXAMPLE_STRATEGY = (
    "Ensure all core teachers\n1) have access to HQIM, and\n2) receive initial and ongoing "
    "professional learning that helps them use those materials effectively."
)


class NorthStarForm(SentTextRequired, forms.Form):
    instructional_vision = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What excellent instruction looks like for every student.",
    )
    priorities = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": EXAMPLE_PRIORITY}),
        required=False,
        help_text="One per line. Focus on one or two key priorities.",
    )
    strategy = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": EXAMPLE_STRATEGY}),
        required=False,
        help_text="A small number of strategies most likely to move those priorities.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_text(self)


class GoalForm(VersionedForm):
    class Meta:
        model = Goal
        fields = ["title", "measure", "unit", "baseline", "target", "start_date", "due_date"]
        widgets = {"start_date": DateInput, "due_date": DateInput}

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due <= start:
            self.add_error("due_date", "The due date must come after the start date.")
        if data.get("baseline") is not None and data.get("baseline") == data.get("target"):
            self.add_error("target", "The target must differ from the baseline.")
        return data


class PlanItemForm(VersionedForm):
    class Meta:
        model = PlanItem
        fields = [
            "timing",
            "participants",
            "name",
            "format",
            "description",
            "planned_date",
            "status",
        ]
        widgets = {
            "planned_date": DateInput,
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        # The one rule (engagements/timing.py): the date falls in the timing's months and
        # inside the contract.
        problem = plan_row_problem(
            engagement=self.instance.engagement,
            timing=data.get("timing") or "",
            planned_date=data.get("planned_date"),
        )
        if problem:
            self.add_error("planned_date", problem)
        return data


class PlanImportForm(forms.Form):
    text = forms.CharField(
        label="Scope-and-sequence table",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=IMPORT_LIMIT,
        help_text=(
            "Paste a table in the sample scope-and-sequence format: a header row "
            "(Timing, Participants, Name of PL and format, Description) and tab-separated rows."
        ),
    )


class PlanFromSampleForm(forms.Form):
    sample = forms.ModelChoiceField(queryset=None, label="Sample engagement")

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sample"].queryset = partner.sample_engagements.all()
        self.fields["sample"].empty_label = "Choose a sample engagement"


class CheckInForm(forms.ModelForm):
    also = forms.ModelMultipleChoiceField(
        queryset=Engagement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Also covers",
        help_text="For joint check-ins and coherence meetings: the other partners present.",
    )

    class Meta:
        model = CheckIn
        fields = [
            "kind",
            "date",
            "duration_minutes",
            "attendees",
            "progress",
            "challenges",
            "next_steps",
            "shared_notes",
            "private_notes",
        ]
        widgets = {"date": DateInput}

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["also"].queryset = others
        self.fields["also"].label_from_instance = lambda e: f"{e.partner.name} — {e.title}"
        self.fields["duration_minutes"].min_value = 5
        self.fields["duration_minutes"].max_value = 600
        self.fields["duration_minutes"].widget.attrs.update({"min": 5, "max": 600})
        _limit_text(self)

    def clean(self):
        data = super().clean()
        kind, also = data.get("kind"), data.get("also")
        if kind == CheckIn.Kind.JOINT and not also:
            if self.fields["also"].queryset.exists():
                self.add_error("also", "A joint check-in covers at least one other partner.")
            else:
                self.add_error(
                    "kind",
                    "A joint check-in covers at least one other partner, and this district "
                    "has no other open engagement.",
                )
        return data


def _num(value) -> str:
    """38.50 → 38.5, 40.00 → 40."""
    return format(value.normalize(), "f")


class CheckInEditForm(VersionedForm):
    """Correct a logged check-in (who was there, notes, date); goal updates stay as they are."""

    class Meta:
        model = CheckIn
        fields = [
            "kind",
            "date",
            "duration_minutes",
            "attendees",
            "progress",
            "challenges",
            "next_steps",
            "shared_notes",
            "private_notes",
        ]
        widgets = {"date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"].min_value = 5
        self.fields["duration_minutes"].max_value = 600

    def clean(self):
        data = super().clean()
        if data.get("kind") == CheckIn.Kind.JOINT and self.instance.engagements.count() < 2:
            self.add_error("kind", "A joint check-in covers at least two partners.")
        return data


class GoalUpdateForm(forms.Form):
    """A goal's new measurement, logged with a check-in (left empty: no update)."""

    value = forms.DecimalField(max_digits=10, decimal_places=2, required=False)
    note = forms.CharField(max_length=1000, required=False)

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, prefix=f"goal-{goal.pk}", **kwargs)
        self.goal = goal
        unit = goal.unit.strip()
        self.fields["value"].label = f"{goal.title}" + (f" ({unit})" if unit else "")
        latest = getattr(goal, "latest", None)
        last = (
            f"last {_num(latest.value)}{goal.unit} on {formats.day(latest.date)}"
            if latest
            else "not measured yet"
        )
        self.fields["value"].help_text = (
            f"Baseline {_num(goal.baseline)}{goal.unit}, target {_num(goal.target)}{goal.unit} "
            f"by {formats.day(goal.due_date)}; {last}."
        )
        self.fields["note"].label = "Note"


class GoalProgressForm(forms.Form):
    """A quick measurement of one goal, outside a check-in."""

    date = forms.DateField(widget=DateInput)
    value = forms.DecimalField(max_digits=10, decimal_places=2)
    note = forms.CharField(max_length=1000, required=False)

    def __init__(self, *args, goal, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal, self.today = goal, today

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > self.today:
            raise forms.ValidationError("A measurement can't be dated in the future.")
        if date < self.goal.start_date:
            raise forms.ValidationError(
                f"The goal started on {formats.day(self.goal.start_date)}; pick a later date."
            )
        return date


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "for_partner", "due_date"]
        widgets = {"due_date": DateInput}


class NewActionItemForm(ActionItemForm):
    """An optional action item row of the check-in form: all fields or none."""

    class Meta(ActionItemForm.Meta):
        fields = ["description", "owner", "due_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["owner"].help_text = ""

    def clean(self):
        data = super().clean()
        filled = [name for name in self.fields if data.get(name)]
        if filled:
            for name in self.fields:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, "Needed for a new action item.")
        return data


# One empty row to start; "Add another action item" adds rows (htmx swaps the fieldset).
ActionItemFormSet = forms.formset_factory(NewActionItemForm, extra=1, max_num=20, absolute_max=50)


def action_rows_plus_one(data) -> list[dict]:
    """The posted action item rows as initial data, for a formset with one more empty row."""
    try:
        total = min(int(data.get("actions-TOTAL_FORMS", 0)), 19)
    except ValueError:
        total = 0
    fields = ("description", "owner", "due_date")
    return [{name: data.get(f"actions-{i}-{name}", "") for name in fields} for i in range(total)]


class OpenActionItemForm(forms.Form):
    """An open action item on the check-in form: close it, or give it to someone else."""

    close = forms.BooleanField(required=False, label="Done")
    owner = forms.CharField(max_length=200, label="Owner", required=False)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"open-{item.pk}", initial={"owner": item.owner}, **kwargs)
        self.item = item
        self.fields["close"].label = "Done"
        self.fields["owner"].label = f"Owner of “{item.description}”"

    def change(self):
        """(item, done, owner) if this row changes the item, else None."""
        data = self.cleaned_data
        owner = data["owner"].strip() or self.item.owner  # left empty (or not sent): unchanged
        if data["close"] or owner != self.item.owner:
            return (self.item, data["close"], owner)
        return None


class OnboardingItemForm(VersionedForm):
    class Meta:
        model = OnboardingItem
        fields = ["done", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class ActionItemDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
    version = forms.IntegerField(min_value=1)
