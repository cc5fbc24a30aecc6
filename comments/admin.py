"""Moderation in the Django admin: a queue, pending first, oldest first.

Status changes go only through the bulk actions, which call the service
functions; the change form lets a moderator keep an internal note.
"""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Comment, CommentStatus


class ItemKindFilter(admin.SimpleListFilter):
    title = _("item type")
    parameter_name = "soort"

    def lookups(self, request, model_admin):
        return [("artikel", _("article")), ("dossier", _("dossier"))]

    def queryset(self, request, queryset):
        if self.value() == "artikel":
            return queryset.filter(article__isnull=False)
        if self.value() == "dossier":
            return queryset.filter(dossier__isnull=False)
        return queryset


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
    ]
    list_display_links = ["preview"]
    list_filter = ["status", ItemKindFilter, "is_staff_reply"]
    search_fields = ["name", "email", "text"]
    list_select_related = ["article", "dossier"]
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_spam", "withdraw"]
    fields = [
        "status",
        "item_link",
        "parent",
        "name",
        "email",
        "text",
        "is_staff_reply",
        "user",
        "created_at",
        "moderated_at",
        "moderated_by",
        "moderator_note",
    ]
    readonly_fields = [
        "status",
        "item_link",
        "parent",
        "name",
        "email",
        "text",
        "is_staff_reply",
        "user",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]

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
