"""The reaction form: name, e-mail address, text and the arithmetic question."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dossiers.sections import SECTION_HEADINGS_BY_ANCHOR

from .captcha import Outcome, consume_question
from .models import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, Comment
from .spam import link_count, script_trap

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


# Format characters (Unicode category Cf: zero-width spaces and joiners,
# soft hyphens, …) and white space draw nothing.
INVISIBLE = re.compile(
    r"[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\u3164\ufeff\uffa0]"
)


def something_visible(value):
    """A name or text of only invisible characters shows blank: refuse it."""
    if value and not INVISIBLE.sub("", value):
        raise ValidationError(
            _(
                "Please write something that can be read; only invisible "
                "characters were typed."
            ),
            code="invisible",
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


class AnswersQuestion:
    """A public form behind the arithmetic question, the honeypot and the
    minimum time. They are checked by ``answer_question``, which the view
    calls once the form is otherwise valid: a form that fails on another
    field leaves the visitor's question unused (the page shows it again,
    with their answer), and only a complete post uses it up, right or wrong.
    """

    refused_message = _("Your request could not be processed. Please send it again.")

    def clean(self):
        cleaned = super().clean()
        if "question_key" in self.errors:
            # A key no page of ours sent (too long, a null character): told
            # as a question that is gone, next to the answer, not hidden.
            del self.errors["question_key"]
            self.add_error("answer", ANSWER_ERRORS[Outcome.GONE])
        elif "answer" in self.fields and not str(self.data.get("answer", "")).strip():
            # No answer is no attempt: said with the other fields' errors,
            # and the question stays the same (nothing to use up).
            self.add_error(
                "answer",
                ValidationError(
                    _(
                        "Please answer the arithmetic question: work out the sum "
                        "and enter the result."
                    ),
                    code="question_unanswered",
                ),
            )
        return cleaned

    def answer_question(self) -> bool:
        """Use up the question this form was sent with (after ``is_valid()``).
        True for a right answer from a person; else the form has the error
        (a new question, or a neutral refusal for a script) and False."""
        consumed = consume_question(
            str(self.data.get("question_key", "")), str(self.data.get("answer", ""))
        )
        # The honeypot and the issue time: a neutral refusal, no hints.
        self.refused = script_trap(self.data, consumed.issued_at)
        if self.refused:
            self.add_error(None, ValidationError(self.refused_message, code="refused"))
        elif consumed.outcome is not Outcome.RIGHT:
            self.add_error(
                "answer",
                ValidationError(
                    ANSWER_ERRORS[consumed.outcome],
                    code=f"question_{consumed.outcome.value}",
                ),
            )
        return not self.refused and consumed.outcome is Outcome.RIGHT


def reaction_text_field() -> forms.CharField:
    """A reaction's text, with the same rules when posted and when edited."""
    return forms.CharField(
        label=_("Your reaction"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_TEXT_LENGTH}),
        help_text=format_lazy(
            _("Plain text, at most {max} characters. Web addresses become links."),
            max=MAX_TEXT_LENGTH,
        ),
        validators=[
            no_control_characters(TEXT_CONTROL_CHARS),
            no_bidi_controls,
            something_visible,
        ],
        error_messages={"required": _("Please write your reaction.")},
    )


class ReactionForm(AnswersQuestion, forms.Form):
    """Bound to one item; staff members post without name, address or question
    (``answer_question`` is then always right)."""

    refused_message = _(
        "Your reaction could not be processed. Please check it and send it again."
    )

    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_NAME_LENGTH,
        validators=[
            no_control_characters(LINE_CONTROL_CHARS),
            no_bidi_controls,
            something_visible,
        ],
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=Comment._meta.get_field("email").max_length,
        help_text=_("Never shown on the site; only the editorial team can see it."),
        validators=[no_control_characters(LINE_CONTROL_CHARS)],
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _(
                "Please enter a valid e-mail address, like naam@voorbeeld.nl."
            ),
        },
    )
    text = reaction_text_field()
    notify_replies = forms.BooleanField(
        label=_("Send me an e-mail when someone replies"),
        help_text=_(
            "Only about approved replies to your reaction, after it has been "
            "approved itself. Every e-mail has a link to stop them."
        ),
        required=False,
        initial=False,
    )
    op = forms.CharField(required=False, max_length=18, widget=forms.HiddenInput)
    # The dossier section reacted to ("Reageer op deze paragraaf"), by anchor.
    section = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    question_key = forms.CharField(
        required=False, max_length=40, widget=forms.HiddenInput
    )
    answer = forms.CharField(
        label=_("Arithmetic question:"),
        help_text=_(
            "Work out this simple sum and enter the result; for 1 + 3, for "
            "example, enter 4."
        ),
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
                label=_("Leave this field empty (it is here to stop spam robots)"),
                required=False,
                strip=False,
            )

    @property
    def honeypot_field(self):
        """The trap field (its name comes from COMMENTS_HONEYPOT_FIELD)."""
        return self[self.honeypot_name]

    def clean_section(self):
        """A section the dossier has, else none (a stale or typed value)."""
        anchor = self.cleaned_data.get("section", "")
        return anchor if anchor in SECTION_HEADINGS_BY_ANCHOR else ""

    @property
    def section_heading(self):
        """The heading of the section reacted to, for the form to say so."""
        return SECTION_HEADINGS_BY_ANCHOR.get(str(self["section"].value() or ""))

    def clean_op(self):
        raw = self.cleaned_data.get("op", "")
        if not raw:
            return None
        self.parent = Comment.objects.parent_for(self.item, raw)
        if self.parent is None:
            raise ValidationError(
                _("The reaction you are replying to does not exist (anymore)."),
                code="parent",
            )
        return self.parent.pk

    def answer_question(self) -> bool:
        return self.staff or super().answer_question()


class EditForm(forms.Form):
    """A writer's new text, from the link in the approval mail. The same rules
    as posting; too many links is an error here (the writer can fix it)
    rather than a reason to hold the text as spam."""

    text = reaction_text_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)

    def clean_text(self):
        text = self.cleaned_data["text"]
        links = link_count(text)
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


class AnswerForm(forms.Form):
    """The editorial team's answer, written on a reaction's admin page."""

    text = reaction_text_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "antwoord-%s")
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Answer of the editorial team")
        self.fields["text"].error_messages["required"] = _("Please write an answer.")


class RedactForm(forms.Form):
    """A reaction's text as the editorial team shortens or redacts it, with
    what the moderator saw of the reaction (``seen``, services.state_token),
    so a form opened before the writer changed or withdrew it is refused."""

    text = reaction_text_field()
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Why (internal, for the moderators)"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, original: str, **kwargs):
        kwargs.setdefault("auto_id", "inkorten-%s")
        super().__init__(*args, **kwargs)
        self.original = original
        self.fields["text"].label = _("Text as it will be shown")
        self.fields["text"].help_text = _(
            "The site adds “[shortened by the editorial team]”; the original "
            "stays in the changes on the reaction's admin page."
        )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if text == self.original:
            raise ValidationError(
                _("The text is unchanged; change it or go back."), code="unchanged"
            )
        return text


class QuestionForm(AnswersQuestion, forms.Form):
    """A public form behind the reaction form's defences (``AnswersQuestion``).
    Used by the follow and feedback forms; ``auto_id_prefix`` keeps their ids
    apart."""

    auto_id_prefix = "vraag"

    question_key = forms.CharField(
        required=False, max_length=40, widget=forms.HiddenInput
    )
    answer = forms.CharField(label=_("Arithmetic question:"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.auto_id_prefix}-%s")
        super().__init__(*args, **kwargs)
        self.honeypot_name = settings.COMMENTS_HONEYPOT_FIELD
        self.refused: str | None = None
