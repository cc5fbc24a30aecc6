"""Moderation in the Django admin: a queue, pending first, oldest first.

Status changes go only through the bulk actions, which call the service
functions; the change form lets a moderator keep an internal note. A
reaction's page also lets the editorial team answer it and shorten or redact
its text (services.answer, services.redact). The queue shows each writer's
history under their address hash, for the whole page in one query
(``Comment.objects.writer_histories``).
"""

import json
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from core import personal_data
from core.kinds import ITEM_FIELDS, ItemKind

from . import incorporation, services, trust
from .forms import AnswerForm, RedactForm
from .models import (
    BlocklistEntry,
    Comment,
    CommentStatus,
    SubscriptionConsent,
    TrustedWriter,
    WriterHistory,
)


class ItemKindFilter(admin.SimpleListFilter):
    title = _("item type")
    parameter_name = "soort"

    def lookups(self, request, model_admin):
        return ItemKind.choices

    def queryset(self, request, queryset):
        field = ITEM_FIELDS.get(self.value())
        if field:
            return queryset.filter(**{f"{field}__isnull": False})
        return queryset


class PendingChangeFilter(admin.SimpleListFilter):
    """New reactions and writers' changes to published ones that wait for a
    moderator: the one rule (``awaiting_moderation``) the mails go by too."""

    title = _("moderation")
    parameter_name = "wijziging"

    def lookups(self, request, model_admin):
        return [("wacht", _("awaiting approval"))]

    def queryset(self, request, queryset):
        if self.value() == "wacht":
            return queryset.awaiting_moderation()
        return queryset


def _bulk(service, done_message):
    """An admin action that runs ``service`` on each selected reaction;
    ``done_message`` is plural-aware (``ngettext_lazy`` with ``"count"``)."""

    def action(modeladmin, request, queryset):
        # Counted once, before the change: the list may be filtered on the
        # very status the action changes (the "awaiting moderation" filter).
        selected = list(queryset.order_by("pk"))
        changed = sum(
            service(comment=comment, moderator=request.user) for comment in selected
        )
        skipped = len(selected) - changed
        if changed:
            modeladmin.message_user(
                request, done_message % {"count": changed}, messages.SUCCESS
            )
        if skipped:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d reaction did not have a status this action applies to.",
                    "%(count)d reactions did not have a status this action applies to.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    return action


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


class ModerationQueue(ChangeList):
    """The changelist, with every listed writer's history fetched at once."""

    def get_results(self, request):
        super().get_results(request)
        histories = Comment.objects.writer_histories(
            comment.email_hash for comment in self.result_list
        )
        for comment in self.result_list:
            comment.writer_history = histories.get(comment.email_hash)


def history_text(history: WriterHistory | None) -> str:
    if history is None:
        return "-"
    text = _("%(approved)d approved, %(rejected)d rejected, %(spam)d spam") % {
        "approved": history.approved,
        "rejected": history.rejected,
        "spam": history.spam,
    }
    return f"{text} · {_('trusted writer')}" if history.trusted else text


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "status_label",
        "item_link",
        "preview",
        "name",
        "writer",
        "created_at",
        "is_staff_reply",
        "spam_reason",
    ]
    list_display_links = ["preview"]
    list_filter = ["status", PendingChangeFilter, ItemKindFilter, "is_staff_reply"]
    search_fields = ["name", "email", "text"]
    list_select_related = ["article", "dossier"]
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = [
        "approve",
        "reject",
        "mark_spam",
        "withdraw",
        "relevant_for_review",
        "personal_data",
    ]
    fields = [
        "status",
        "spam_reason",
        "item_link",
        "parent",
        "name",
        "email",
        "text",
        "pending_text",
        "redacted_at",
        "writer",
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
        "moderator_note",
        "seen",
    ]
    form = ModerationForm
    # Everything is read-only but the internal note (and the hidden state the
    # page was shown with): the status changes only through the moderation
    # services (actions and buttons).
    readonly_fields = [
        name for name in fields if name not in ("moderator_note", "seen")
    ]

    # The buttons on the change page (the link in moderators' e-mails):
    # the note is saved first, then the status changes through the service.
    MODERATION_BUTTONS = {
        "_approve": (services.approve, _("The reaction has been approved.")),
        "_reject": (services.reject, _("The reaction has been rejected.")),
        "_spam": (services.mark_spam, _("The reaction has been marked as spam.")),
        "_approve_edit": (
            services.approve_edit,
            _("The writer's change has been published."),
        ),
        "_reject_edit": (services.reject_edit, _("The writer's change was refused.")),
    }

    def save_model(self, request, obj, form, change):
        # Only the note, through the service, never every column as loaded.
        services.save_moderator_note(
            comment=obj,
            note=form.cleaned_data["moderator_note"],
            seen=form.cleaned_data["seen"],
        )

    def response_change(self, request, obj):
        for button, (service, message) in self.MODERATION_BUTTONS.items():
            if button in request.POST:
                extra = {}
                if service is services.approve_edit:
                    extra["text"] = obj.pending_text  # as shown (form.clean)
                if service(comment=obj, moderator=request.user, **extra):
                    self.message_user(request, message, messages.SUCCESS)
                else:
                    self.message_user(
                        request,
                        _("This reaction did not have a status this applies to."),
                        messages.WARNING,
                    )
                url = reverse("admin:comments_comment_changelist")
                return HttpResponseRedirect(
                    f"{url}?{urlencode({'status__exact': CommentStatus.PENDING})}"
                )
        return super().response_change(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {"answer_form": AnswerForm(), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_changelist(self, request, **kwargs):
        return ModerationQueue

    def get_ordering(self, request):
        # The moderation queue: pending first, then oldest first. An
        # expression rather than an annotation, so the changelist keeps it.
        pending_first = Case(
            When(status=CommentStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "created_at", "pk"]

    def has_add_permission(self, request):
        # Reactions come from readers and editors on the site itself.
        return False

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return obj.get_status_display()

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

    @admin.display(description=_("reaction"))
    def preview(self, obj):
        return truncatechars(obj.text, 80)

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
        """Earlier decisions under this address hash. On the queue page they
        come with the page (ModerationQueue); on a reaction's page, one query."""
        if not hasattr(obj, "writer_history"):
            obj.writer_history = Comment.objects.writer_histories([obj.email_hash]).get(
                obj.email_hash
            )
        text = history_text(obj.writer_history)
        if obj.writer_history is None:
            return text
        url = reverse("admin:comments_comment_changelist")
        return format_html(
            '<a href="{}?{}">{}</a>',
            url,
            urlencode({"email_hash": obj.email_hash}),
            text,
        )

    approve = admin.action(
        description=_("Approve selected reactions"), permissions=["change"]
    )(
        _bulk(
            services.approve,
            ngettext_lazy(
                "%(count)d reaction approved.", "%(count)d reactions approved.", "count"
            ),
        )
    )
    reject = admin.action(
        description=_("Reject selected reactions"), permissions=["change"]
    )(
        _bulk(
            services.reject,
            ngettext_lazy(
                "%(count)d reaction rejected.", "%(count)d reactions rejected.", "count"
            ),
        )
    )
    mark_spam = admin.action(
        description=_("Mark selected reactions as spam"), permissions=["change"]
    )(
        _bulk(
            services.mark_spam,
            ngettext_lazy(
                "%(count)d reaction marked as spam.",
                "%(count)d reactions marked as spam.",
                "count",
            ),
        )
    )
    withdraw = admin.action(
        description=_("Withdraw selected published reactions"), permissions=["change"]
    )(
        _bulk(
            services.withdraw,
            ngettext_lazy(
                "%(count)d reaction withdrawn.",
                "%(count)d reactions withdrawn.",
                "count",
            ),
        )
    )
    relevant_for_review = admin.action(
        description=_("Relevant for the next revision (review packet)"),
        permissions=["change"],
    )(
        _bulk(
            incorporation.mark_relevant,
            ngettext_lazy(
                "%(count)d reaction put in the review packet.",
                "%(count)d reactions put in the review packet.",
                "count",
            ),
        )
    )

    # --- Personal data (AVG): erasure and export per e-mail address -----------

    @admin.action(
        description=_("Remove personal data of the writer"), permissions=["change"]
    )
    def personal_data(self, request, queryset):
        """Opens the erasure page for the selected reaction's address."""
        email = queryset.exclude(email="").values_list("email", flat=True).first()
        url = reverse("admin:comments_comment_personal_data")
        return HttpResponseRedirect(f"{url}?{urlencode({'email': email or ''})}")

    def get_urls(self):
        return [
            path(
                "persoonsgegevens/",
                self.admin_site.admin_view(self.personal_data_view),
                name="comments_comment_personal_data",
            ),
            path(
                "<path:object_id>/beantwoorden/",
                self.admin_site.admin_view(self.answer_view),
                name="comments_comment_answer",
            ),
            path(
                "<path:object_id>/inkorten/",
                self.admin_site.admin_view(self.redact_view),
                name="comments_comment_redact",
            ),
            *super().get_urls(),
        ]

    def lookup_allowed(self, lookup, value, request=None):
        # The writer-history link: every reaction under one address hash.
        return lookup == "email_hash" or super().lookup_allowed(lookup, value, request)

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
        return self._page(
            request,
            comment,
            "answer.html",
            _("Answer as the editorial team"),
            form,
            status=400 if form.errors else 200,
        )

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

    def personal_data_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            form = PersonalDataForm(initial={"email": request.GET.get("email", "")})
        elif (form := PersonalDataForm(request.POST)).is_valid():
            email = form.cleaned_data["email"]
            if "export" in request.POST:
                return self._export(email)
            changed = services.erase_personal_data(
                email=email, remove_text=form.cleaned_data["remove_text"]
            )
            # What other apps keep of the address (follows of dossiers).
            others = personal_data.erase(email)
            if others:
                self.message_user(
                    request,
                    _("Other records of %(email)s removed: %(count)d.")
                    % {"email": email, "count": others},
                    messages.SUCCESS,
                )
                if not changed:
                    return HttpResponseRedirect(request.path)
            if not changed:
                self.message_user(
                    request,
                    _("No reactions with the address %(email)s. Nothing changed.")
                    % {"email": email},
                    messages.WARNING,
                )
            else:
                self.message_user(
                    request,
                    ngettext(
                        "Personal data removed from %(count)d reaction.",
                        "Personal data removed from %(count)d reactions.",
                        changed,
                    )
                    % {"count": changed},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personal data of a writer"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/comments/comment/personal_data.html", context
        )

    def _export(self, email):
        data = {
            "email": email,
            "exported_at": timezone.now().isoformat(),
            "reactions": services.export_personal_data(email=email),
            **personal_data.export(email),
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"reacties-{slugify(email.replace('@', '-at-'))}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class PersonalDataForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Please enter an e-mail address."),
            "invalid": _("Please enter a valid e-mail address."),
        },
    )
    remove_text = forms.BooleanField(
        label=_("Also replace the texts with “This reaction has been removed.”"),
        required=False,
    )


@admin.register(BlocklistEntry)
class BlocklistEntryAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
    fields = ["kind", "value", "note"]


@admin.register(SubscriptionConsent)
class SubscriptionConsentAdmin(admin.ModelAdmin):
    """Proof of consent to reply mails; search by the address's hash."""

    list_display = ["confirmed_at", "email_hash", "comment"]
    search_fields = ["=email_hash"]
    readonly_fields = ["email_hash", "comment", "confirmed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _revoke(modeladmin, request, queryset):
    changed = sum(trust.revoke(trusted=row, moderator=request.user) for row in queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "Trust revoked for %(count)d writer; their reactions wait for a "
            "moderator again.",
            "Trust revoked for %(count)d writers; their reactions wait for a "
            "moderator again.",
            changed,
        )
        % {"count": changed},
        messages.SUCCESS,
    )


def _restore(modeladmin, request, queryset):
    changed = sum(trust.restore(trusted=row) for row in queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d writer trusted again.",
            "%(count)d writers trusted again.",
            changed,
        )
        % {"count": changed},
        messages.SUCCESS,
    )


@admin.register(TrustedWriter)
class TrustedWriterAdmin(admin.ModelAdmin):
    """Who is trusted (COMMENTS_TRUSTED_WRITERS), and revoking it.

    Writers are known by their address hash only; the name they last wrote
    under comes along (one query for the page, a subquery) so a moderator
    recognises them, and a link lists their reactions.
    """

    list_display = [
        "writer_name",
        "state",
        "trusted_at",
        "approved_then",
        "revoked_at",
        "revoked_by",
        "reactions",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["revoked_by"]
    search_fields = ["=email_hash"]
    fields = [
        "writer_name",
        "state",
        "email_hash",
        "trusted_at",
        "approved_then",
        "revoked_at",
        "revoked_by",
        "reactions",
    ]
    readonly_fields = fields
    actions = ["revoke", "restore"]

    def get_queryset(self, request):
        latest_name = (
            Comment.objects.filter(email_hash=OuterRef("email_hash"))
            .order_by("-created_at")
            .values("name")[:1]
        )
        return super().get_queryset(request).annotate(latest_name=Subquery(latest_name))

    def has_add_permission(self, request):
        return False  # earned with approved reactions (comments/trust.py)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: a deleted row would be earned again

    @admin.display(description=_("name last used"))
    def writer_name(self, obj):
        return obj.latest_name or "-"

    @admin.display(description=_("trust"), boolean=True)
    def state(self, obj):
        return obj.is_active

    @admin.display(description=_("reactions"))
    def reactions(self, obj):
        url = reverse("admin:comments_comment_changelist")
        return format_html(
            '<a href="{}?{}">{}</a>',
            url,
            urlencode({"email_hash": obj.email_hash}),
            _("All reactions under this address"),
        )

    revoke = admin.action(
        description=_("Revoke trust of selected writers"), permissions=["change"]
    )(_revoke)
    restore = admin.action(
        description=_("Trust selected writers again"), permissions=["change"]
    )(_restore)
