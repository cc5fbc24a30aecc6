"""A reaction's own page (the link in moderators' e-mails): the decision
first (admin/comments/comment/change_form.html puts the text, the
decisions and the answer at the top, as one button bar), then the internal
note and only the read-only details that say something. The editorial
team's own hand has two pages: answer, and shorten or redact the text."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.editors import display_name

from .. import services
from ..forms import AnswerForm, RedactForm
from ..models import Comment
from .decisions import DECISIONS, can_answer, decide, decisions_for
from .moderation import AWAITING_TAB, history_text


class ModerationForm(forms.ModelForm):
    """The reaction's page: only the internal note is a field, and the form
    carries what the moderator saw (``seen``, services.state_token), so a
    save after the writer or another moderator changed the reaction is
    refused and changes nothing."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["moderator_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen"].initial = services.state_token(self.instance)

    def clean(self):
        cleaned = super().clean()
        # Locks the row for the rest of the admin's transaction (the save and
        # the button's service run in it), so nothing slips in between.
        services.lock_as_seen(comment=self.instance, seen=cleaned.get("seen", ""))
        return cleaned


# The details below the decision, in reading order. The text itself (and a
# writer's change awaiting approval) is shown above, with the decision.
DETAIL_FIELDS = [
    "item_link",
    "parent",
    "email",
    "writer",
    "moderator_note",
    "redacted_at",
    "is_staff_reply",
    "notify_replies",
    "notify_confirmed_at",
    "user",
    "created_at",
    "edited_at",
    "withdrawn_at",
    "relevant_for_review",
    "incorporated_in",
    "moderated_at",
    "moderated_by",
    "text_history",
]
# The internal note, and the hidden state the page was shown with (a form
# field outside the fieldsets: change_form.html puts it at the form's top,
# where a hidden input needs no label).
EDITABLE = ("moderator_note",)
# Read-only details that always say something, even when false or empty.
# (The status, the name and the history are in the decision above.)
ALWAYS_SHOWN = {"item_link", "created_at"}


class ReactionPageMixin:
    """CommentAdmin's change page and the answer and redact pages."""

    form = ModerationForm
    # Everything is read-only but the internal note (and the hidden state the
    # page was shown with): the status changes only through the moderation
    # services (the decision buttons and the list).
    readonly_fields = [name for name in DETAIL_FIELDS if name not in EDITABLE]

    def get_fields(self, request, obj=None):
        """Only the read-only details that say something: a page of "-"
        hides the few that matter."""
        if obj is None:
            return DETAIL_FIELDS
        return [
            name
            for name in DETAIL_FIELDS
            if name in EDITABLE or name in ALWAYS_SHOWN or self._has_value(obj, name)
        ]

    @staticmethod
    def _has_value(obj, name) -> bool:
        if name == "text_history":
            return obj.revisions.exists()
        value = (
            getattr(obj, f"{name}_id", None)
            if name in ("parent", "user", "moderated_by")
            else getattr(obj, name, None)
        )
        return value not in (None, "", False)

    def save_model(self, request, obj, form, change):
        # Only the note, through the service, never every column as loaded.
        services.save_moderator_note(
            comment=obj,
            note=form.cleaned_data["moderator_note"],
            seen=form.cleaned_data["seen"],
        )

    def response_change(self, request, obj):
        for decision in DECISIONS.values():
            if decision.button in request.POST:
                # obj is locked and as shown (ModerationForm.clean).
                if decide(decision, comment=obj, moderator=request.user):
                    self.message_user(request, decision.done, messages.SUCCESS)
                else:
                    self.message_user(
                        request,
                        _("This reaction did not have a status this applies to."),
                        messages.WARNING,
                    )
                url = reverse("admin:comments_comment_changelist")
                return HttpResponseRedirect(f"{url}?{urlencode(dict([AWAITING_TAB]))}")
        return super().response_change(request, obj)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context.update(
                # The page is where a reaction is decided on, not "changed".
                title=_("Moderate reaction by %(name)s") % {"name": obj.name},
                decisions=decisions_for(obj),
                can_answer=can_answer(obj),
                answer_form=AnswerForm(),
                has_display_name=bool(display_name(request.user)),
                # The writer-history link in the details.
                writer_history=history_text(self._history(obj)),
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    @staticmethod
    def _history(obj):
        if not hasattr(obj, "writer_history"):
            obj.writer_history = Comment.objects.writer_histories([obj.email_hash]).get(
                obj.email_hash
            )
        return obj.writer_history

    @admin.display(description=_("changes to the text"))
    def text_history(self, obj):
        """Every change to the text: what it said before and after, when, and
        by whom (a table, not an inline: nothing in it is a form field)."""
        revisions = list(obj.revisions.select_related("made_by"))
        if not revisions:
            return "-"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    date_format(
                        timezone.localtime(revision.created_at), "DATETIME_FORMAT"
                    ),
                    revision.get_kind_display(),
                    revision.made_by or _("the writer"),
                    linebreaksbr(revision.text_before),
                    linebreaksbr(revision.text_after),
                )
                for revision in revisions
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("when"),
            _("change"),
            _("by"),
            _("text before"),
            _("text after"),
            rows,
        )

    @admin.display(description=_("writer's history"))
    def writer(self, obj):
        """Earlier decisions under this address hash. On the list they come
        with the page (ModerationQueue); on a reaction's page, one query."""
        history = self._history(obj)
        text = history_text(history)
        if history is None:
            return text
        url = reverse("admin:comments_comment_changelist")
        return format_html(
            '<a href="{}?{}">{}</a>',
            url,
            urlencode({"email_hash": obj.email_hash}),
            text,
        )

    @admin.display(description=_("item"))
    def item_link(self, obj):
        item = obj.item
        if item is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a> <span class="quiet">({})</span>',
            obj.get_absolute_url(),
            item,
            obj.kind.label,
        )

    # --- The editorial team's own hand: answer, shorten ---------------------

    def _comment_or_404(self, request, object_id) -> Comment:
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        return comment

    def _page(self, request, comment, template: str, title, form, status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "original": comment,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, f"admin/comments/comment/{template}", context, status=status
        )

    def answer_page(self, request, comment, form):
        """The answer page, also where an answer typed in the list lands
        when it could not be published (the text kept, the reason above)."""
        return self._page(
            request,
            comment,
            "answer.html",
            _("Answer as the editorial team"),
            form,
            status=400 if form.errors else 200,
        )

    def answer_view(self, request, object_id):
        """Publish the editorial team's answer right under this reaction."""
        comment = self._comment_or_404(request, object_id)
        form = AnswerForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                reply = services.answer(
                    comment=comment, editor=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _("Your answer is on the site."),
                        reply.get_absolute_url(),
                        _("See it in the thread"),
                    ),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:comments_comment_change", args=[comment.pk])
                )
        return self.answer_page(request, comment, form)

    def redact_view(self, request, object_id):
        """Shorten or redact the text; the original stays in the changes."""
        comment = self._comment_or_404(request, object_id)
        if request.method == "POST":
            form = RedactForm(request.POST, original=comment.text)
        else:
            form = RedactForm(
                initial={"text": comment.text, "seen": services.state_token(comment)},
                original=comment.text,
            )
        if form.is_valid():
            try:
                services.redact(
                    comment=comment,
                    moderator=request.user,
                    text=form.cleaned_data["text"],
                    note=form.cleaned_data["reason"],
                    seen=form.cleaned_data["seen"],
                )
            except services.StaleReaction as stale:
                form.add_error(None, stale)
        if form.is_valid():
            self.log_change(request, comment, _("Text shortened by the editors."))
            self.message_user(
                request,
                _("The text has been shortened; the original is kept below."),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:comments_comment_change", args=[comment.pk])
            )
        return self._page(
            request,
            comment,
            "redact.html",
            _("Shorten or redact the text"),
            form,
            status=400 if form.errors else 200,
        )
