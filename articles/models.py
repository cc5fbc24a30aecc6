from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comments.commentable import Commentable
from dossiers.models import Dossier, Theme
from movisie_site.publishing import Publishable


class Kind(models.TextChoices):
    ARTICLE = "artikel", _("article")
    NEWS = "nieuws", _("news")
    INTERVIEW = "interview", _("interview")
    BACKGROUND = "achtergrond", _("background")


class Article(Commentable, Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.ARTICLE
    )
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    themes = models.ManyToManyField(
        Theme, related_name="articles", verbose_name=_("themes"), blank=True
    )
    dossiers = models.ManyToManyField(
        Dossier, related_name="articles", verbose_name=_("dossiers"), blank=True
    )

    class Meta(Publishable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at"]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="article_status_pub_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})
