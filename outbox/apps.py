from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outgoing e-mail")

    def ready(self):
        # Each app's ``notifications`` module registers how its mails are
        # built (outbox.mail.register), the way the admin finds ``admin.py``:
        # by name, so the outbox imports none of the apps above it.
        autodiscover_modules("notifications")
