"""Forms of the directory: the needs diagnostic."""

from django import forms

from partners.models import ContentArea, CostBand, Curriculum


class DiagnosticForm(forms.Form):
    """The playbook's "define your needs" step (partner-playbook.txt, step 1)."""

    STAGES = [
        ("choosing", "We are choosing new instructional materials"),
        (
            "launching",
            "We have chosen materials and are getting ready to launch them (or in year one)",
        ),
        ("supporting", "Our materials are in use and we want to strengthen how they are used"),
    ]
    AUDIENCES = [
        ("teachers", "Teachers"),
        ("leaders", "School and district leaders"),
        ("both", "Both teachers and leaders"),
    ]

    stage = forms.ChoiceField(
        label="Where is your district with its instructional materials?",
        choices=STAGES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where your district is with its materials."},
    )
    audience = forms.ChoiceField(
        label="Who needs support?",
        choices=AUDIENCES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who needs support: teachers, leaders or both."},
    )
    content_area = forms.ModelChoiceField(
        ContentArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any content area",
        label="Content area",
    )
    curriculum = forms.ModelChoiceField(
        Curriculum.objects.select_related("content_area").order_by(
            "content_area__position", "name"
        ),
        to_field_name="slug",
        required=False,
        empty_label="Not decided yet / any",
        label="Curriculum",
        help_text="The high-quality instructional materials you use or are considering.",
    )
    budget = forms.ModelChoiceField(
        CostBand.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Not sure yet",
        label="Budget for the partnership",
        help_text="Total cost, including travel, as partners' sample engagements state it.",
    )

    def clean(self):
        data = super().clean()
        curriculum, area = data.get("curriculum"), data.get("content_area")
        if curriculum and area and curriculum.content_area_id != area.pk:
            self.add_error(
                "curriculum", f"{curriculum} is a {curriculum.content_area} curriculum, not {area}."
            )
        return data
