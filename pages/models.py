"""The pages editors write about the site itself, and the home page's choice.

Over ons, Contact, Colofon, Toegankelijkheid and Privacy are one kind of thing:
a page with a fixed address, a title, a lead and rich text, edited in the
admin (*Pagina's*). ``PageSlug`` is the one declaration of which pages exist:
the addresses (urls.py), the footer links, the seeding migration and the
default texts (``defaults.py``) all derive from it.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField
from dossiers.models import Dossier

from .defaults import default_text


class PageSlug(models.TextChoices):
    ABOUT = "over-ons", _("About us")
    CONTACT = "contact", _("Contact")
    COLOPHON = "colofon", _("Colophon")
    ACCESSIBILITY = "toegankelijkheid", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy statement")


class PageQuerySet(models.QuerySet):
    def shown(self, slug: str) -> "Page":
        """The page at ``slug``, or its default text when the row is missing."""
        page = self.filter(slug=slug).first()
        return page if page is not None else self.model(slug=slug, **default_text(slug))


class Page(models.Model):
    slug = models.CharField(
        _("address"), max_length=40, choices=PageSlug.choices, unique=True
    )
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = RichTextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.slug}")


class HomePage(models.Model):
    """What the home page puts first: one row, edited by the editors."""

    singleton = models.BooleanField(default=True, editable=False)
    featured_dossier = models.ForeignKey(
        Dossier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("featured dossier"),
        help_text=_(
            "Shown large at the top of the home page. Empty, or not published: "
            "the most recently updated dossier."
        ),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")
        constraints = [
            models.UniqueConstraint(fields=["singleton"], name="homepage_singleton"),
            models.CheckConstraint(
                condition=models.Q(singleton=True), name="homepage_singleton_true"
            ),
        ]

    def __str__(self):
        return str(_("Home page"))
