"""The reaction form: name, e-mail address, text and the arithmetic question."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .captcha import Outcome, consume_question
from .models import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, Comment, item_field
from .spam import Stamp, check_stamp, count_links, issue_stamp

# Control characters other than tab, line feed and carriage return: invisible,
# they only serve to confuse readers and moderators.
TEXT_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def no_control_characters(pattern):
    def validate(value):
        if pattern.search(value):
            raise ValidationError(
                _("Please remove the invisible control characters."),
                code="control_characters",
            )

    return validate


class ReactionForm(forms.Form):
    """Bound to one item; staff members post without name, address or question.

    ``question`` is the CaptchaStore row shown with this form (None for
    staff). Posting consumes the question that was sent, right or wrong.
    """

    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_NAME_LENGTH,
        validators=[no_control_characters(LINE_CONTROL_CHARS)],
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
        validators=[no_control_characters(TEXT_CONTROL_CHARS)],
        error_messages={"required": _("Please write your reaction.")},
    )
    notify_replies = forms.BooleanField(
        label=_("Send me an e-mail when someone replies"),
        required=False,
        initial=False,
    )
    issued = forms.CharField(required=False, widget=forms.HiddenInput)
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
            for name in ("name", "email", "question_key", "answer", "issued"):
                del self.fields[name]
        else:
            self.fields[self.honeypot_name] = forms.CharField(
                required=False, strip=False
            )
            # A fresh issue time each time the form is shown, also after errors.
            self.issue_stamp = issue_stamp()
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
        self._check_for_scripts()
        # Raw values: the question is used up even when other fields fail.
        outcome = consume_question(
            str(self.data.get("question_key", "")), str(self.data.get("answer", ""))
        )
        if outcome is Outcome.GONE:
            self.add_error(
                "answer",
                ValidationError(
                    _(
                        "This question has expired or was already used. "
                        "Please answer the new question."
                    ),
                    code="question_gone",
                ),
            )
        elif outcome is Outcome.WRONG:
            self.add_error(
                "answer",
                ValidationError(
                    _("That answer is not right. Please try the new question."),
                    code="question_wrong",
                ),
            )
        return cleaned

    def _check_for_scripts(self):
        """The honeypot and the issue time: a neutral refusal, no hints."""
        if str(self.data.get(self.honeypot_name, "")):
            self.refused = "honeypot"
        else:
            stamp = check_stamp(str(self.data.get("issued", "")))
            if stamp is not Stamp.OK:
                self.refused = stamp.value
        if self.refused:
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


class EditForm(forms.Form):
    """A writer's new text, from the link in the approval mail. The same rules
    as posting; too many links is an error here (the writer can fix it)
    rather than a reason to hold the text as spam."""

    text = forms.CharField(
        label=_("Your reaction"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_TEXT_LENGTH}),
        help_text=_("Plain text; web addresses become links."),
        validators=[no_control_characters(TEXT_CONTROL_CHARS)],
        error_messages={
            "required": _("Please write your reaction."),
            "max_length": _(
                "Your reaction is too long: at most %(limit_value)d characters "
                "(now %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)

    def clean_text(self):
        text = self.cleaned_data["text"]
        links = count_links(text)
        if links > settings.COMMENTS_MAX_LINKS:
            raise ValidationError(
                _(
                    "Your reaction has %(count)d web addresses; at most %(max)d "
                    "are allowed."
                ),
                code="too_many_links",
                params={"count": links, "max": settings.COMMENTS_MAX_LINKS},
            )
        return text
