"""What the admin pages of every retried queue share: the "could not be sent
yet" filter, read-only rows (the site writes them and sends them), and the
action that sends the chosen rows again now, with its three messages (sent,
failed, already sent and not sent twice). Each queue names its rows in its
messages and says how to send them again (``resend``)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _


class FailedFilter(admin.SimpleListFilter):
    """Tried and not sent yet (``QueuedRowQuerySet.failed``): what the
    index's "could not be sent" counts."""

    title = _("sending")
    parameter_name = "mislukt"

    def lookups(self, request, model_admin):
        return [("1", _("could not be sent yet"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.failed()
        return queryset


class QueuedRowAdmin(admin.ModelAdmin):
    """A queue's rows: nobody adds or edits one here. A subclass sets the
    three messages (``ngettext_lazy(singular, plural, "count")``), defines
    ``resend(ids=…)`` returning {"sent": n, "failed": n}, and offers
    ``send_again`` as an action under its own description."""

    sent_message = failed_message = skipped_message = None
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def resend(self, *, ids: list[int]) -> dict[str, int]:
        raise NotImplementedError

    def send_again(self, request, queryset):
        # Counted before sending: a list filtered on "not sent" would lose
        # the rows sent here if it were counted again afterwards.
        selected = queryset.count()
        ids = list(queryset.unsent().values_list("pk", flat=True))
        counts = self.resend(ids=ids)
        for count, message, level in (
            (counts["sent"], self.sent_message, messages.SUCCESS),
            (counts["failed"], self.failed_message, messages.ERROR),
            (selected - len(ids), self.skipped_message, messages.WARNING),
        ):
            if count:
                self.message_user(request, message % {"count": count}, level)
