"""The feedback forms: plain text, with the reaction form's spam defences
(honeypot, arithmetic question and minimum time) where text is written."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.forms import (
    LINE_CONTROL_CHARS,
    TEXT_CONTROL_CHARS,
    QuestionForm,
    no_bidi_controls,
    no_control_characters,
)

from .models import MAX_REFERENCE_LENGTH, MAX_REMARK_LENGTH, validate_doi


class RemarkForm(QuestionForm):
    auto_id_prefix = "fb"

    remark = forms.CharField(
        label=_("What would you add? (optional)"),
        max_length=MAX_REMARK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_REMARK_LENGTH}),
        help_text=_(
            "Plain text, for the editors; not published. Please leave no "
            "personal details."
        ),
        validators=[no_control_characters(TEXT_CONTROL_CHARS), no_bidi_controls],
        error_messages={"required": _("Please write your remark.")},
    )


class StudyForm(QuestionForm):
    auto_id_prefix = "fb"

    reference = forms.CharField(
        label=_("The study"),
        max_length=MAX_REFERENCE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_REFERENCE_LENGTH}),
        help_text=_("Authors, year, title and where it appeared; plain text."),
        validators=[no_control_characters(TEXT_CONTROL_CHARS), no_bidi_controls],
        error_messages={"required": _("Please describe the study.")},
    )
    doi = forms.CharField(
        label=_("DOI (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example 10.1000/xyz123 or https://doi.org/10.1000/xyz123"),
        validators=[no_control_characters(LINE_CONTROL_CHARS), validate_doi],
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "Only if you want to hear what the editors did with it; never "
            "shown, deleted after a year."
        ),
        error_messages={
            "invalid": _(
                "Please enter a valid e-mail address, like naam@voorbeeld.nl."
            ),
        },
    )
