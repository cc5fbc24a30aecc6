from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Quiet feedback on dossiers for the editors, and the review packet.
    Its personal data is registered by ``feedback/notifications.py``, which
    the outbox imports at startup."""

    name = "feedback"
    verbose_name = _("Feedback on dossiers")
