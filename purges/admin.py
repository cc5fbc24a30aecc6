"""The purge queue in the admin, for operators: what waits, what failed and
why, and a way to send a failed purge again now (``queue.resend``).

Only users with the purges app's permissions see it (superusers; the
Redactie group is not given them): a purge says nothing an editor can act on.
Rows are written by the site and sent by it or by ``send_purges``; nobody
adds or edits one here.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import queue
from .models import Purge


class FailedFilter(admin.SimpleListFilter):
    title = _("sending")
    parameter_name = "mislukt"

    def lookups(self, request, model_admin):
        return [("1", _("could not be sent yet"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.failed()
        return queryset


@admin.register(Purge)
class PurgeAdmin(admin.ModelAdmin):
    # What an operator acts on first: the state and the error (at 1280 px
    # with the admin's sidebar open, more columns pushed the error out of
    # view). The proxy is a filter, the moment not-before on the row's page.
    list_display = ["created_at", "keys", "state", "attempts", "last_error"]
    list_filter = [FailedFilter, ("sent_at", admin.EmptyFieldListFilter), "proxy"]
    search_fields = ["keys"]
    actions = ["send_again"]
    fields = [
        "keys",
        "proxy",
        "created_at",
        "not_before",
        "sent_at",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.sent_at:
            return _("sent")
        if obj.attempts >= queue.MAX_ATTEMPTS:
            return _("given up: send it again by hand")
        if obj.attempts:
            return _("could not be sent yet")
        return _("waiting")

    @admin.action(description=_("Send the selected purges again now"))
    def send_again(self, request, queryset):
        selected = queryset.count()
        ids = list(queryset.unsent().values_list("pk", flat=True))
        counts = queue.resend(ids=ids)
        sent, failed = counts["sent"], counts["failed"]
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d purge is sent.", "%(count)d purges are sent.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d purge could not be sent; the error is in the list.",
                    "%(count)d purges could not be sent; the errors are in the list.",
                    failed,
                )
                % {"count": failed},
                messages.ERROR,
            )
        skipped = selected - len(ids)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d purge was already sent and is not sent twice.",
                    "%(count)d purges were already sent and are not sent twice.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
