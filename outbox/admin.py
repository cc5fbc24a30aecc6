import re

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from queues.admin import FailedFilter, QueuedRowAdmin

from . import mail
from .models import OutgoingMail

LINK = re.compile(r"https?://[^\s<>\"')]+")


@admin.register(OutgoingMail)
class OutgoingMailAdmin(QueuedRowAdmin):
    """The outbox: what each mail says (as it would be sent now: the outbox
    keeps what to say, the text is made when sending), whether it went, and
    a way to try a failed one again. Sending is otherwise the command's."""

    list_display = ["created_at", "kind", "recipient", "state", "attempts"]
    list_filter = [FailedFilter, "kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient"]
    fieldsets = [
        (_("The e-mail"), {"fields": ["recipient", "subject", "text", "links"]}),
        (
            _("Sending"),
            {
                "fields": [
                    "kind",
                    "object_id",
                    "created_at",
                    "sent_at",
                    "attempts",
                    "last_error",
                ]
            },
        ),
    ]
    sent_message = ngettext_lazy(
        "%(count)d e-mail is sent.", "%(count)d e-mails are sent.", "count"
    )
    failed_message = ngettext_lazy(
        "%(count)d e-mail could not be sent again; the error is on its page.",
        "%(count)d e-mails could not be sent again; the errors are on their pages.",
        "count",
    )
    skipped_message = ngettext_lazy(
        "%(count)d e-mail was already sent and is not sent twice.",
        "%(count)d e-mails were already sent and are not sent twice.",
        "count",
    )
    readonly_fields = [
        "recipient",
        "subject",
        "text",
        "links",
        "kind",
        "object_id",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]

    def resend(self, *, ids):
        return mail.resend(ids=ids)

    def _message(self, obj):
        if not hasattr(obj, "_preview"):
            try:
                obj._preview = mail.preview(obj)
            except Exception as error:  # a builder that fails shows why
                obj._preview = error
        return obj._preview

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.sent_at and not obj.last_error:
            return _("sent")
        if obj.sent_at:
            return _("not sent: no longer wanted")
        if obj.attempts:
            return _("could not be sent yet")
        return _("waiting")

    @admin.display(description=_("subject"))
    def subject(self, obj):
        message = self._message(obj)
        if message is None:
            return _("(no longer wanted: this mail is not sent)")
        if isinstance(message, Exception):
            return _("(cannot be made now: %(error)s)") % {"error": message}
        return message.subject

    @admin.display(description=_("text"))
    def text(self, obj):
        message = self._message(obj)
        if message is None or isinstance(message, Exception):
            return "\N{EN DASH}"
        return format_html('<pre class="mail-text">{}</pre>', message.body)

    @admin.display(description=_("links"))
    def links(self, obj):
        message = self._message(obj)
        if message is None or isinstance(message, Exception):
            return "\N{EN DASH}"
        found = list(dict.fromkeys(LINK.findall(message.body)))
        if not found:
            return "\N{EN DASH}"
        return format_html(
            '<ul class="mail-links">{}</ul>',
            format_html_join(
                "", '<li><a href="{0}">{0}</a></li>', ((u,) for u in found)
            ),
        )

    @admin.action(description=_("Send the selected e-mails again"))
    def send_again(self, request, queryset):
        super().send_again(request, queryset)
