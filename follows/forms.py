"""The follow form: an e-mail address, with the reaction form's spam
defences (the arithmetic question, the honeypot and the minimum time)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.forms import LINE_CONTROL_CHARS, QuestionForm, no_control_characters

from .models import Follow, Frequency


class FollowForm(QuestionForm):
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
    frequency = forms.ChoiceField(
        label=_("How often do you want an e-mail?"),
        choices=Frequency.choices,
        initial=Frequency.EACH_VERSION,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose how often.")},
    )
    auto_id_prefix = "volg"
