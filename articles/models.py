from django.contrib.postgres.indexes import GistIndex
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.commentable import Commentable
from core.images import Illustrated, image_field
from core.kinds import ItemKind
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import RichTextField
from dossiers.models import Dossier, Theme


class Kind(models.TextChoices):
    ARTICLE = "artikel", _("article")
    NEWS = "nieuws", _("news")
    INTERVIEW = "interview", _("interview")
    BACKGROUND = "achtergrond", _("background")


class ArticleQuerySet(PublishableQuerySet):
    def for_theme(self, theme):
        return self.filter(themes=theme)

    def for_dossier(self, dossier):
        return self.filter(dossiers=dossier)

    def cards(self):
        """Only the fields a card in a list shows (articles/_article_items.html).

        Skips the body and the stored search vector, which made building ten
        cards cost more than rendering them. The image's sizes follow from
        its name and dimensions (core/images.py).
        """
        return self.only(
            *("id", "title", "slug", "kind", "lead", "published_at", "reactions"),
            *Illustrated.CARD_FIELDS,
        )

    def for_listing(self):
        """Newest first; a list item shows only the article's own fields."""
        return self.order_by("-published_at", "-id")

    def related_to(self, article):
        """Other articles sharing a dossier or a theme with this one."""
        dossier_ids = [d.pk for d in article.dossiers.all()]
        theme_ids = [t.pk for t in article.themes.all()]
        if not dossier_ids and not theme_ids:
            return self.none()  # nothing to share: no query to build
        return (
            self.exclude(pk=article.pk)
            .filter(Q(dossiers__in=dossier_ids) | Q(themes__in=theme_ids))
            .distinct()
            .order_by("-published_at", "-id")
        )


class Article(Commentable, Illustrated, Publishable):
    item_kind = ItemKind.ARTICLE

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.ARTICLE
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences; also shown in lists and search engines."),
    )
    body = RichTextField(_("body"), blank=True, heading_levels=(2, 3))
    authors = models.ManyToManyField(
        "authors.Author",
        through="ArticleAuthor",
        related_name="articles",
        verbose_name=_("authors"),
        blank=True,
    )
    themes = models.ManyToManyField(
        Theme, related_name="articles", verbose_name=_("themes"), blank=True
    )
    dossiers = models.ManyToManyField(
        Dossier, related_name="articles", verbose_name=_("dossiers"), blank=True
    )
    image = image_field("artikelen/%Y/")

    objects = ArticleQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at"]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="article_status_pub_idx"
            ),
            # max(updated_at): the content version of cached reader pages.
            models.Index(fields=["updated_at"], name="article_updated_idx"),
            # "Did you mean": titles nearest to a typo, by trigram distance.
            GistIndex(
                fields=["title"],
                opclasses=["gist_trgm_ops"],
                name="article_title_trgm_idx",
            ),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            *Illustrated.Meta.constraints,
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def credited_authors(self):
        """The article's authors in their credited order."""
        return [credit.author for credit in self.author_credits.all()]


class ArticleAuthor(models.Model):
    """An author credited on an article, in order."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="author_credits",
        verbose_name=_("article"),
    )
    # PROTECT: an author who wrote something cannot vanish from its credits.
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="article_credits",
        verbose_name=_("author"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="article_author_once"
            )
        ]

    def __str__(self):
        return str(self.author)
