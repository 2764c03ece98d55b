from django import forms
from django.contrib.auth import password_validation

from plpg.models import District, Membership, User
from plpg.states import STATE_CHOICES

Role = Membership.Role


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.INTERVIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class DistrictSettingsForm(forms.ModelForm):
    """What describes the district; the four percentages drive "districts like mine"."""

    state = forms.ChoiceField(choices=[("", "Choose a state")] + STATE_CHOICES)

    class Meta:
        model = District
        fields = [
            "name",
            "state",
            "locale",
            "enrollment_band",
            "pct_multilingual_learners",
            "pct_students_with_disabilities",
            "pct_economically_disadvantaged",
            "pct_students_of_color",
        ]
        labels = {
            "pct_multilingual_learners": "Multilingual learners (%)",
            "pct_students_with_disabilities": "Students with disabilities (%)",
            "pct_economically_disadvantaged": "Economically disadvantaged students (%)",
            "pct_students_of_color": "Students of color (%)",
        }
        widgets = {
            f: forms.NumberInput(attrs={"min": 0, "max": 100})
            for f in (
                "pct_multilingual_learners",
                "pct_students_with_disabilities",
                "pct_economically_disadvantaged",
                "pct_students_of_color",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Real words for "not given" instead of Django's "---------".
        self.fields["locale"].choices = [("", "Not given")] + District.Locale.choices
        self.fields["enrollment_band"].choices = [("", "Not given")] + (
            District.EnrollmentBand.choices
        )


class StartDistrictForm(forms.Form):
    name = forms.CharField(label="District name", max_length=200)
    state = forms.ChoiceField(choices=[("", "Choose a state")] + STATE_CHOICES)
    lead_email = forms.EmailField(label="First lead's email", max_length=254)


class AcceptInvitationForm(forms.Form):
    """A new account from an invitation: name and a password."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", "The two passwords differ.")
        elif one:
            user = User(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(one, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SentTextRequired:
    """Mixin for forms that edit saved text: a text field that holds saved text must be in
    the request.

    A body that is not the form (a JSON POST, a truncated request, a script posting one
    field) parses as "all fields empty"; without this check saving it would blank the saved
    text. The saved value is the instance's (ModelForm) or the form's ``initial``. Fields
    with nothing saved, checkboxes and multi-selects are exempt.
    """

    missing_text_message = (
        "The form arrived incomplete ({fields} missing), so nothing was saved. Reload the page "
        "and try again."
    )

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or self._errors is None:
            return
        missing = [
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.HiddenInput)
            and not field.disabled
            and self.add_prefix(name) not in self.data
            and self._saved_text(name)
        ]
        if missing:
            self.add_error(None, self.missing_text_message.format(fields=", ".join(missing)))

    def _saved_text(self, name) -> bool:
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None and hasattr(instance, name):
            value = getattr(instance, name)
        else:
            value = self.initial.get(name)
        return isinstance(value, str) and value.strip() != ""
