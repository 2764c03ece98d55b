"""Forms of the shared workspace."""

from django import forms
from django.contrib.auth import get_user_model

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
