"""The follow form: an e-mail address, with the reaction form's spam
defences (the arithmetic question, the honeypot and the minimum time)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from comments.captcha import Outcome, consume_question
from comments.forms import ANSWER_ERRORS, LINE_CONTROL_CHARS, no_control_characters
from comments.spam import script_trap

from .models import Follow


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=Follow._meta.get_field("email").max_length,
        validators=[no_control_characters(LINE_CONTROL_CHARS)],
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _(
                "Please enter a valid e-mail address, like naam@voorbeeld.nl."
            ),
        },
    )
    question_key = forms.CharField(
        required=False, max_length=40, widget=forms.HiddenInput
    )
    answer = forms.CharField(label=_("Arithmetic question:"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "volg-%s")
        super().__init__(*args, **kwargs)
        self.honeypot_name = settings.COMMENTS_HONEYPOT_FIELD

    def clean(self):
        cleaned = super().clean()
        # Raw values: the question is used up even when the address fails.
        consumed = consume_question(
            str(self.data.get("question_key", "")), str(self.data.get("answer", ""))
        )
        if script_trap(self.data, consumed.issued_at):
            raise ValidationError(
                _("Your request could not be processed. Please send it again."),
                code="refused",
            )
        if consumed.outcome is not Outcome.RIGHT:
            self.add_error("answer", ANSWER_ERRORS[consumed.outcome])
        return cleaned
