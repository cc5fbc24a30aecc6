"""Moderation in the Django admin: a queue, pending first, oldest first.

Status changes go only through the bulk actions, which call the service
functions; the change form lets a moderator keep an internal note.
"""

import json
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.kinds import ItemKind

from . import services
from .models import (
    ITEM_FIELDS,
    BlocklistEntry,
    Comment,
    CommentStatus,
    PrivacyStatement,
    Revision,
    SubscriptionConsent,
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
    title = _("change by the writer")
    parameter_name = "wijziging"

    def lookups(self, request, model_admin):
        return [("wacht", _("awaiting approval"))]

    def queryset(self, request, queryset):
        if self.value() == "wacht":
            return queryset.exclude(pending_text="")
        return queryset


class RevisionInline(admin.TabularInline):
    """Every change to the text: what it said before, and when."""

    model = Revision
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "text_before", "text_after"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


def _bulk(service, done_message: str):
    def action(modeladmin, request, queryset):
        changed = sum(
            service(comment=comment, moderator=request.user)
            for comment in queryset.order_by("pk")
        )
        skipped = queryset.count() - changed
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


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "status_label",
        "item_link",
        "preview",
        "name",
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
    actions = ["approve", "reject", "mark_spam", "withdraw", "personal_data"]
    fields = [
        "status",
        "spam_reason",
        "item_link",
        "parent",
        "name",
        "email",
        "text",
        "pending_text",
        "is_staff_reply",
        "notify_replies",
        "notify_confirmed_at",
        "user",
        "created_at",
        "edited_at",
        "withdrawn_at",
        "moderated_at",
        "moderated_by",
        "moderator_note",
    ]
    # Everything is read-only but the internal note: the status changes only
    # through the moderation services (actions and buttons).
    readonly_fields = [name for name in fields if name != "moderator_note"]

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
    inlines = [RevisionInline]

    def response_change(self, request, obj):
        for button, (service, message) in self.MODERATION_BUTTONS.items():
            if button in request.POST:
                if service(comment=obj, moderator=request.user):
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

    approve = admin.action(
        description=_("Approve selected reactions"), permissions=["change"]
    )(_bulk(services.approve, _("%(count)d reaction(s) approved.")))
    reject = admin.action(
        description=_("Reject selected reactions"), permissions=["change"]
    )(_bulk(services.reject, _("%(count)d reaction(s) rejected.")))
    mark_spam = admin.action(
        description=_("Mark selected reactions as spam"), permissions=["change"]
    )(_bulk(services.mark_spam, _("%(count)d reaction(s) marked as spam.")))
    withdraw = admin.action(
        description=_("Withdraw selected published reactions"), permissions=["change"]
    )(_bulk(services.withdraw, _("%(count)d reaction(s) withdrawn.")))

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
            *super().get_urls(),
        ]

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


@admin.register(PrivacyStatement)
class PrivacyStatementAdmin(admin.ModelAdmin):
    fields = ["title", "text"]

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and not PrivacyStatement.objects.exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False
