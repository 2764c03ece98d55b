"""Forms of the provider portal and the curator workspace. Taxonomies are checkbox lists
and every empty choice has a real label (no Ctrl-click lists, no "---------")."""

from django import forms

from partners.gateways import EVALUATION, GATEWAY_OF_CLAIM
from partners.models import Claim, Curriculum, Phase, Specialty, State
from partners.profile import ENGAGEMENT_CHOICES, ENGAGEMENT_TERMS, TERM_FIELDS, TEXT_FIELDS

TEXT_LIMITS = {"name": 200, "summary": 300, "website": 200, "contact_name": 200}


def _choices(model):
    if model is State:
        return list(State.objects.order_by("name").values_list("code", "name"))
    return list(model.objects.order_by("position", "name").values_list("slug", "name"))


class ProfileForm(forms.Form):
    """The profile's fields, read from and written to a draft's data."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, draft_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        data = draft_data or {}
        for key, label in TEXT_FIELDS:
            if key == "description":
                field = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000
                )
            elif key == "website":
                field = forms.URLField(label=label, max_length=200, assume_scheme="https")
            elif key == "contact_email":
                field = forms.EmailField(label=label)
            else:
                field = forms.CharField(label=label, max_length=TEXT_LIMITS.get(key, 200))
            field.required = key == "name"
            field.initial = data.get(key, "")
            self.fields[key] = field
        self.fields["hq_state"] = forms.ChoiceField(
            label="Headquarters",
            choices=[("", "Not given")] + _choices(State),
            required=False,
            initial=data.get("hq_state", ""),
        )
        self.fields["national"] = forms.BooleanField(
            label="Works in every state", required=False, initial=data.get("national", False)
        )
        for key, label, model in TERM_FIELDS:
            self.fields[key] = forms.MultipleChoiceField(
                label=label,
                choices=_choices(model),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=data.get(key, []),
            )

    def draft_data(self, base: dict) -> dict:
        """The draft's data with this form's values (sample engagements kept)."""
        data = dict(base)
        for key, _ in TEXT_FIELDS:
            data[key] = self.cleaned_data.get(key) or ""
        data["hq_state"] = self.cleaned_data.get("hq_state") or ""
        data["national"] = bool(self.cleaned_data.get("national"))
        for key, _, _ in TERM_FIELDS:
            data[key] = sorted(self.cleaned_data.get(key) or [])
        return data


class EngagementForm(forms.Form):
    """One sample engagement of a draft; its scope and sequence from pasted text or a file."""

    title = forms.CharField(max_length=200)
    district_context = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    goals = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )
    sequence_text = forms.CharField(
        label="Paste a scope and sequence",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Tab-separated: Timing, Participants, Name of PL and format, Description "
        "(the seed documents' format). Replaces the rows below.",
    )
    sequence_file = forms.FileField(
        label="…or upload a CSV or Excel file",
        required=False,
        help_text="Columns: timing, participants, name, format, description (download the "
        "template). Replaces the rows below.",
    )

    EMPTY = {
        "curriculum": "No single curriculum",
        "content_area": "Not given",
        "pl_type": "Not given",
        "cost_band": "Not given",
        "locale": "Not given",
        "enrollment_band": "Not given",
    }

    def __init__(self, *args, row=None, **kwargs):
        super().__init__(*args, **kwargs)
        row = row or {}
        for key, label, model in ENGAGEMENT_TERMS:
            self.fields[key] = forms.ChoiceField(
                label=label, choices=[("", self.EMPTY[key])] + _choices(model), required=False
            )
        for key, label, choices in ENGAGEMENT_CHOICES:
            self.fields[key] = forms.ChoiceField(
                label=label, choices=[("", self.EMPTY[key])] + list(choices.items()), required=False
            )
        order = ["title", "curriculum", "content_area", "pl_type", "cost_band", "locale",
                 "enrollment_band", "district_context", "goals", "notes", "sequence_text",
                 "sequence_file"]  # fmt: skip
        self.order_fields(order)
        for key in self.fields:
            if key in row:
                self.fields[key].initial = row[key]

    def clean(self):
        data = super().clean()
        if data.get("sequence_text") and data.get("sequence_file"):
            raise forms.ValidationError("Paste a table or upload a file, not both.")
        return data


class SubmitForm(forms.Form):
    note = forms.CharField(
        label="Note for the curator",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What changed and why (optional).",
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Comments for the provider",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class EvidenceForm(forms.Form):
    note = forms.CharField(
        label="Evidence",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where you did this work, with whom, and what came of it.",
    )
    url = forms.URLField(label="Link", required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label="…or a PDF", required=False, help_text="PDF only, up to 10 MB.")

    def clean_file(self):
        from partners.uploads import evidence_validate

        upload = self.cleaned_data.get("file")
        if upload:
            evidence_validate(upload)
        return upload


class ClaimForm(EvidenceForm):
    """A new claim: what is claimed (one curriculum, phase or specialty) and its evidence."""

    term = forms.ChoiceField(label="What you claim")

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set()  # (kind, term id) already claimed: one query, not one per claim
        if partner is not None:
            for kind, *ids in partner.claims.values_list(
                "kind", "curriculum_id", "phase_id", "specialty_id"
            ):
                taken.add((kind, next(i for i in ids if i is not None)))
        groups = [
            ("Curricula", "curriculum", Curriculum.objects.order_by("name")),
            ("Phases of support", "phase", Phase.objects.all()),
            ("Specialties", "specialty", Specialty.objects.all()),
        ]
        choices = [("", "Choose a curriculum, phase or specialty")]
        for label, kind, terms in groups:
            options = [(f"{kind}:{t.slug}", t.name) for t in terms if (kind, t.pk) not in taken]
            if options:
                choices.append((label, options))
        self.fields["term"].choices = choices
        self.order_fields(["term", "note", "url", "file"])

    def clean_term(self):
        kind, _, slug = self.cleaned_data["term"].partition(":")
        model = {"curriculum": Curriculum, "phase": Phase, "specialty": Specialty}.get(kind)
        term = model.objects.filter(slug=slug).first() if model else None
        if term is None:
            raise forms.ValidationError("Choose a curriculum, phase or specialty from the list.")
        return kind, term


class ClaimDecisionForm(forms.Form):
    checklist = forms.MultipleChoiceField(
        label="Gateway checklist", required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label="Notes (the provider sees them)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision = forms.ChoiceField(choices=[("confirm", "Confirm"), ("decline", "Do not confirm")])

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        gateway = GATEWAY_OF_CLAIM.get(claim.kind)
        if gateway:
            self.fields["checklist"].choices = list(gateway.checklist)
            self.fields["checklist"].label = f"Gateway {gateway.number}: {gateway.title}"
            self.fields["checklist"].initial = claim.checklist
        else:
            del self.fields["checklist"]
        self.fields["notes"].initial = claim.curator_notes


class GatewayForm(forms.Form):
    checklist = forms.MultipleChoiceField(
        label=EVALUATION.question,
        choices=list(EVALUATION.checklist),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The five levels of PL evaluation, and what the provider does with them.",
    )
    notes = forms.CharField(
        label="Curator's notes",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NewPartnerForm(forms.Form):
    name = forms.CharField(label="Provider's name", max_length=200)
    slug = forms.SlugField(
        label="Address in the directory",
        max_length=200,
        help_text="Lower-case words joined by hyphens, e.g. bright-path-learning.",
    )

    def clean_slug(self):
        from partners.models import Partner

        slug = self.cleaned_data["slug"]
        if Partner.objects.filter(slug=slug).exists():
            raise forms.ValidationError("Another partner already has this address.")
        return slug


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
