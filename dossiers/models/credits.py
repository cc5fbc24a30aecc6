"""People credited on a dossier, in order: authors and contact persons."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Credit(models.Model):
    """A person credited on a dossier, in order (citations list them so)."""

    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return str(self.author)


class DossierAuthor(Credit):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="author_credits",
        verbose_name=_("dossier"),
    )
    # PROTECT: an author who wrote something cannot vanish from its credits.
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="dossier_credits",
        verbose_name=_("author"),
    )

    class Meta(Credit.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "author"], name="dossier_author_once"
            )
        ]


class DossierContact(Credit):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="contact_credits",
        verbose_name=_("dossier"),
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="dossier_contact_credits",
        verbose_name=_("contact person"),
    )

    class Meta(Credit.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "author"], name="dossier_contact_once"
            )
        ]
