"""The reaction form: name, e-mail address, text and the arithmetic question."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .captcha import Outcome, consume_question
from .models import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, Comment, item_field

# Control characters other than tab, line feed and carriage return: invisible,
# they only serve to confuse readers and moderators.
TEXT_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
# Bidirectional embeddings, overrides and isolates (Unicode TR9): invisible,
# they reorder what follows, so "Jan\u202egnp.exe" reads as "Janexe.png".
# Right-to-left text itself needs none of them; the thread isolates each
# name with <bdi>.
BIDI_CONTROL_CHARS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def no_bidi_controls(value):
    if BIDI_CONTROL_CHARS.search(value):
        raise ValidationError(
            _(
                "Please remove the invisible characters that reverse the "
                "writing direction."
            ),
            code="bidi_controls",
        )


def no_control_characters(pattern):
    def validate(value):
        if pattern.search(value):
            raise ValidationError(
                _("Please remove the invisible control characters."),
                code="control_characters",
            )

    return validate


ANSWER_ERRORS = {
    Outcome.GONE: _(
        "This question has expired or was already used. Please answer the new question."
    ),
    Outcome.WRONG: _("That answer is not right. Please try the new question."),
    Outcome.NOT_A_NUMBER: _(
        "Please type the answer in digits, for example 7, and try the new question."
    ),
}


class ReactionForm(forms.Form):
    """Bound to one item; staff members post without name, address or question.

    ``question`` is the CaptchaStore row shown with this form (None for
    staff). Posting consumes the question that was sent, right or wrong.
    """

    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_NAME_LENGTH,
        validators=[no_control_characters(LINE_CONTROL_CHARS), no_bidi_controls],
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Never shown on the site."),
        validators=[no_control_characters(LINE_CONTROL_CHARS)],
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _(
                "Please enter a valid e-mail address, like naam@voorbeeld.nl."
            ),
        },
    )
    text = forms.CharField(
        label=_("Your reaction"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; web addresses become links."),
        validators=[no_control_characters(TEXT_CONTROL_CHARS), no_bidi_controls],
        error_messages={"required": _("Please write your reaction.")},
    )
    notify_replies = forms.BooleanField(
        label=_("Send me an e-mail when someone replies"),
        required=False,
        initial=False,
    )
    op = forms.CharField(required=False, max_length=18, widget=forms.HiddenInput)
    question_key = forms.CharField(
        required=False, max_length=40, widget=forms.HiddenInput
    )
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, item, staff: bool, **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)
        self.item = item
        self.staff = staff
        self.parent: Comment | None = None
        # Set when the honeypot or the issue time gives a script away.
        self.refused: str | None = None
        self.honeypot_name = settings.COMMENTS_HONEYPOT_FIELD
        if staff:
            for name in ("name", "email", "question_key", "answer"):
                del self.fields[name]
        else:
            self.fields[self.honeypot_name] = forms.CharField(
                required=False, strip=False
            )
        self.fields["text"].widget.attrs["maxlength"] = MAX_TEXT_LENGTH

    def clean_op(self):
        raw = self.cleaned_data.get("op", "")
        if not raw:
            return None
        parent_id = int(raw) if raw.isascii() and raw.isdigit() else None
        self.parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, **{item_field(self.item): self.item})
            .first()
            if parent_id
            else None
        )
        if self.parent is None:
            raise ValidationError(
                _("The reaction you are replying to does not exist (anymore)."),
                code="parent",
            )
        return parent_id

    def clean(self):
        cleaned = super().clean()
        if self.staff:
            return cleaned
        # Raw values: the question is used up even when other fields fail.
        consumed = consume_question(
            str(self.data.get("question_key", "")), str(self.data.get("answer", ""))
        )
        if str(self.data.get(self.honeypot_name, "")):
            self.refused = "honeypot"
        elif (
            consumed.issued_at
            and consumed.seconds_since_issue() < settings.COMMENTS_MIN_SECONDS
        ):
            # Posted sooner after its question was issued than a person can.
            self.refused = "too_fast"
        if self.refused:
            # A neutral refusal: nothing tells a script which check it failed.
            self.add_error(
                None,
                ValidationError(
                    _(
                        "Your reaction could not be processed. Please check it "
                        "and send it again."
                    ),
                    code="refused",
                ),
            )
        elif consumed.outcome is not Outcome.RIGHT:
            self.add_error(
                "answer",
                ValidationError(
                    ANSWER_ERRORS[consumed.outcome],
                    code=f"question_{consumed.outcome.value}",
                ),
            )
        return cleaned
