"""The records editors look up: review digest mails and PDFs that failed."""

from django.contrib import admin
from django.db.models import (
    OuterRef,
    Subquery,
)
from django.utils.translation import gettext_lazy as _

from ..models import (
    ReviewDigestMail,
    VersionPdfFailure,
)
from ..review_digest import digest_mails


@admin.register(ReviewDigestMail)
class ReviewDigestMailAdmin(admin.ModelAdmin):
    """What the weekly review digest sent (or is retrying): read only. The
    sending state is the digest's outbox row's (one subquery per column,
    on the outbox's kind and object index)."""

    list_display = ["week", "recipient", "sent_at", "attempts", "last_error"]
    list_filter = ["week"]
    search_fields = ["recipient"]
    readonly_fields = fields = [
        "week",
        "recipient",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]

    def get_queryset(self, request):
        mail = digest_mails().filter(object_id=OuterRef("pk")).order_by("-pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                outbox_sent_at=Subquery(mail.values("sent_at")[:1]),
                outbox_attempts=Subquery(mail.values("attempts")[:1]),
                outbox_last_error=Subquery(mail.values("last_error")[:1]),
            )
        )

    @admin.display(description=_("sent"), ordering="outbox_sent_at")
    def sent_at(self, obj):
        return obj.outbox_sent_at

    @admin.display(description=_("attempts"), ordering="outbox_attempts")
    def attempts(self, obj):
        return obj.outbox_attempts

    @admin.display(description=_("last error"))
    def last_error(self, obj):
        return obj.outbox_last_error

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(VersionPdfFailure)
class VersionPdfFailureAdmin(admin.ModelAdmin):
    """PDFs that could not be made (dossiers/pdf.py): readers get a Dutch 503
    for an hour after a failure. Deleting a row lets the next request try
    again at once (after fixing the cause, e.g. a text nested too deep)."""

    list_display = ["version", "dossier", "failed_at", "error"]
    list_select_related = ["version__dossier"]
    readonly_fields = fields = ["version", "layout", "failed_at", "error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("dossier"))
    def dossier(self, obj):
        return obj.version.dossier
