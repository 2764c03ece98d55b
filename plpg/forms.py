from django import forms
from django.contrib.auth.forms import AuthenticationForm


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self):
        return self.cleaned_data["username"].lower()


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
