"""The purge queue in the admin, for operators: what waits, what failed and
why, and a way to send a failed purge again now (``queue.resend``).

Only users with the purges app's permissions see it (superusers; the
Redactie group is not given them): a purge says nothing an editor can act on.
Rows are written by the site and sent by it or by ``send_purges``; nobody
adds or edits one here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from queues.admin import FailedFilter, QueuedRowAdmin

from . import queue
from .models import Purge


@admin.register(Purge)
class PurgeAdmin(QueuedRowAdmin):
    # What an operator acts on first: the state and the error (at 1280 px
    # with the admin's sidebar open, more columns pushed the error out of
    # view). The proxy is a filter, the moment not-before on the row's page.
    list_display = ["created_at", "keys", "state", "attempts", "last_error"]
    list_filter = [FailedFilter, ("sent_at", admin.EmptyFieldListFilter), "proxy"]
    search_fields = ["keys"]
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

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.sent_at:
            return _("sent")
        if obj.attempts >= queue.MAX_ATTEMPTS:
            return _("given up: send it again by hand")
        if obj.attempts:
            return _("could not be sent yet")
        return _("waiting")

    sent_message = ngettext_lazy(
        "%(count)d purge is sent.", "%(count)d purges are sent.", "count"
    )
    failed_message = ngettext_lazy(
        "%(count)d purge could not be sent; the error is in the list.",
        "%(count)d purges could not be sent; the errors are in the list.",
        "count",
    )
    skipped_message = ngettext_lazy(
        "%(count)d purge was already sent and is not sent twice.",
        "%(count)d purges were already sent and are not sent twice.",
        "count",
    )

    def resend(self, *, ids):
        return queue.resend(ids=ids)

    @admin.action(description=_("Send the selected purges again now"))
    def send_again(self, request, queryset):
        super().send_again(request, queryset)
