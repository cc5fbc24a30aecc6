"""Ordered parts of a dossier edited inline: effective elements and good
examples (and the web-link rule they share with references)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField


class DossierPart(models.Model):
    """An ordered item on a dossier, edited inline on the dossier's admin page."""

    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class EffectiveElement(DossierPart):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="effective_elements",
        verbose_name=_("dossier"),
    )
    title = models.CharField(_("title"), max_length=200)
    explanation = RichTextField(_("explanation"), blank=True, heading_levels=(4,))
    presumed = models.BooleanField(
        _("presumed"),
        default=False,
        help_text=_(
            "Tick when the effect is presumed (plausible from practice or "
            "theory) rather than shown by research."
        ),
    )

    class Meta(DossierPart.Meta):
        verbose_name = _("effective element")
        verbose_name_plural = _("effective elements")
        indexes = [
            models.Index(
                fields=["dossier", "position"], name="effective_element_order_idx"
            )
        ]

    def __str__(self):
        return self.title


def web_link_only(name: str) -> models.CheckConstraint:
    """Links are rendered as href: only http(s), whatever wrote the row.

    URLField validation stops ``javascript:`` in forms; this stops it for
    imports, scripts and QuerySet.update() too.
    """
    return models.CheckConstraint(
        condition=models.Q(url="")
        | models.Q(url__startswith="https://")
        | models.Q(url__startswith="http://"),
        name=name,
        violation_error_message=_("Enter a web address starting with https://."),
    )


class GoodExample(DossierPart):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="good_examples",
        verbose_name=_("dossier"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("short description"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta(DossierPart.Meta):
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")
        indexes = [
            models.Index(fields=["dossier", "position"], name="good_example_order_idx")
        ]
        constraints = [web_link_only("dossiers_goodexample_url_is_web_link")]

    def __str__(self):
        return self.name
