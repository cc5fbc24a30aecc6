from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comments.commentable import Commentable
from movisie_site.publishing import Publishable


class Theme(models.Model):
    """A social theme ("Armoede", "Eenzaamheid") grouping dossiers and articles."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dossiers:theme", kwargs={"slug": self.slug})


class Dossier(Commentable, Publishable):
    """A "Wat werkt bij…" dossier: a living evidence document on one theme."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    themes = models.ManyToManyField(
        Theme, related_name="dossiers", verbose_name=_("themes"), blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    contact = models.CharField(
        _("author or contact person"), max_length=200, blank=True
    )
    last_revised_at = models.DateTimeField(_("last revised"), null=True, blank=True)

    class Meta(Publishable.Meta):
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["title"]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="dossier_status_pub_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dossiers:detail", kwargs={"slug": self.slug})
