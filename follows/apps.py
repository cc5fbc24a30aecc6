from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    """Its hooks (mail builders, the publish hook, its personal data) are
    registered by ``follows/notifications.py``, which the outbox imports at
    startup."""

    name = "follows"
    verbose_name = _("Followers of dossiers")
