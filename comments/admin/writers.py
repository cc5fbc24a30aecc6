"""Who may write: the blocklist, proof of consent to reply mails, and
trusted writers (comments/trust.py)."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import trust
from ..models import BlocklistEntry, Comment, SubscriptionConsent, TrustedWriter


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
