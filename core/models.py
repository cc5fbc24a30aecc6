"""The one model of the base layer: how a member of staff is named."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorProfile(models.Model):
    """A member of staff's display name: what readers see under an answer
    from the editorial team ("Christine Kuiper, Movisie"), never their
    username. Written by ``core.editors.set_display_name``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        help_text=_(
            "Shown under your answers to reactions, e.g. “Christine Kuiper, Movisie”."
        ),
    )

    class Meta:
        verbose_name = _("display name")
        verbose_name_plural = _("display names")

    def __str__(self):
        return self.display_name
