from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurgesConfig(AppConfig):
    name = "purges"
    verbose_name = _("Cache purges")
