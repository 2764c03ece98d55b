"""Forms of the shared workspace."""

from django import forms
from django.contrib.auth import get_user_model

from engagements.forms import DateInput, _limit_text
from engagements.models import Engagement, PlanItem
from engagements.workspace.deliveries import sheet_validate
from engagements.workspace.materials import material_upload_validate
from engagements.workspace.models import Document, FieldIssue
from engagements.workspace.services import partner_staff_of


class ShareForm(forms.Form):
    """Whom of the partner's staff to share the engagement with."""

    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        error_messages={"invalid_choice": "Choose someone on the partner's staff."},
    )

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(
            pk__in=partner_staff_of(engagement).values("user_id")
        )


class MaterialUploadForm(forms.Form):
    """A new version of a material (a file and what changed)."""

    file = forms.FileField(
        label="File", help_text="PDF, PowerPoint (.pptx), Word (.docx) or Excel (.xlsx)."
    )
    note = forms.CharField(
        label="What changed",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        material_upload_validate(upload)
        return upload


class MaterialForm(MaterialUploadForm):
    """A new material: what it is, for which plan row, when the review is needed, its file."""

    title = forms.CharField(max_length=200)
    plan_item = forms.ModelChoiceField(
        queryset=PlanItem.objects.none(),
        required=False,
        label="Plan row",
        empty_label="Not tied to a plan row",
    )
    needed_by = forms.DateField(
        required=False, widget=DateInput, help_text="When the district's review must be done."
    )
    field_order = ["title", "plan_item", "needed_by", "file", "note"]

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = PlanItem.objects.filter(engagement=engagement)
        self.fields["plan_item"].label_from_instance = lambda i: f"{i.timing}: {i.name}"[:120]
        self.fields["note"].label = "Note for the reviewer"


class ReviewForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=10**6)
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("changes", "Request changes")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comments for the partner",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "changes" and not data.get("comment", "").strip():
            self.add_error("comment", "Say what should change: the partner sees your comment.")
        return data


class FieldIssueForm(forms.ModelForm):
    class Meta:
        model = FieldIssue
        fields = ["title", "seen", "where", "severity", "owner", "due_date"]
        widgets = {"due_date": DateInput, "seen": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_text(self)  # the engagements' text limit


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Comment", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label="How it was resolved", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=Document.Kind.choices)
    title = forms.CharField(max_length=200)
    date = forms.DateField(widget=DateInput)
    visibility = forms.ChoiceField(
        choices=Document.Visibility.choices, initial=Document.Visibility.DISTRICT
    )
    file = forms.FileField(help_text="PDF, PowerPoint (.pptx), Word (.docx) or Excel (.xlsx).")

    def __init__(self, *args, partner=False, **kwargs):
        super().__init__(*args, **kwargs)
        if partner:
            self.fields["kind"].choices = [
                (k, label) for k, label in Document.Kind.choices if k in ("invoice", "other")
            ]
            del self.fields["visibility"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        material_upload_validate(upload)
        return upload


class AmendmentForm(forms.Form):
    effective = forms.DateField(label="Effective from", widget=DateInput)
    new_start = forms.DateField(label="New start date", required=False, widget=DateInput)
    new_end = forms.DateField(label="New end date", required=False, widget=DateInput)
    new_amount = forms.DecimalField(
        label="New amount (USD)", required=False, max_digits=12, decimal_places=2, min_value=0
    )
    scope_change = forms.CharField(
        label="Change of scope",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(label="The signed amendment", required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            material_upload_validate(upload)
        return upload


class SessionReportForm(forms.Form):
    """The partner's report of a delivered session (or its correction)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    delivered_on = forms.DateField(label="Delivered on", widget=DateInput)
    facilitator = forms.CharField(max_length=200, help_text="Who led the session (name, or names).")
    attendance = forms.IntegerField(
        label="Attendance", min_value=0, max_value=100_000, help_text="How many people attended."
    )
    sign_in_sheet = forms.FileField(
        label="Sign-in sheet (optional)",
        required=False,
        help_text="PDF, or a photo (JPEG, PNG). A new file replaces the one sent before.",
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > self.today:
            raise forms.ValidationError(
                "A session is reported once it took place: not a future date."
            )
        return day

    def clean_sign_in_sheet(self):
        upload = self.cleaned_data.get("sign_in_sheet")
        if upload:
            sheet_validate(upload)
        return upload


class SessionDecisionForm(forms.Form):
    """The district's confirmation or dispute of a reported session."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label="Why you dispute it",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SpaceForm(forms.Form):
    """A new coordination space: its name, what it is for, and the partners in it."""

    title = forms.CharField(max_length=200, help_text="e.g. K–8 math and ELA coaching partners")
    purpose = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the partners align on: shared audiences, trends, tools.",
    )
    engagements = forms.ModelMultipleChoiceField(
        queryset=Engagement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Partners in the space",
        help_text="Their staff you shared each engagement with see the space.",
        error_messages={"required": "Choose at least two partners: the space is for coordinating."},
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["engagements"]
        field.queryset = Engagement.objects.for_district(district).open().select_related("partner")
        field.label_from_instance = lambda e: f"{e.partner.name}: {e.title}"

    def clean_engagements(self):
        chosen = self.cleaned_data["engagements"]
        if len({e.partner_id for e in chosen}) < 2:
            raise forms.ValidationError(
                "Choose at least two partners: the space is for coordinating."
            )
        return chosen


class MemberForm(forms.Form):
    engagement = forms.ModelChoiceField(
        queryset=Engagement.objects.none(),
        label="Add a partner",
        error_messages={"invalid_choice": "Choose one of the district's open engagements."},
    )

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["engagement"]
        field.queryset = (
            Engagement.objects.for_district(space.district)
            .open()
            .exclude(coordination_members__space=space)
            .select_related("partner")
        )
        field.label_from_instance = lambda e: f"{e.partner.name}: {e.title}"


class PostForm(forms.Form):
    text = forms.CharField(
        label="Write to the partners", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionDoneForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    done = forms.TypedChoiceField(choices=[("1", "done"), ("0", "open")], coerce=lambda v: v == "1")
