"""Authors and contact persons, with a public profile page: people, or an
organisation credited as author (cited by its full name, see
``is_organisation``).

Articles and dossiers credit authors through an ordered link table of their
own (``articles.ArticleAuthor``, ``dossiers.DossierAuthor``), so this app knows
nothing of them: the profile page reads them through the reverse relations.
The e-mail address is for the editors (the review digest, questions about a
text) and never leaves the admin.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AuthorQuerySet(models.QuerySet):
    def for_user(self, user):
        """The author record a (staff) user is linked to, as a queryset."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Author(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    # APA 7 (§ 9.11) cites a group author by its full name; a person's name
    # is split into family and given names (dossiers/citations.py). The
    # database default lets code that predates the column (a release still
    # running during the migration, older data-migration states) insert.
    is_organisation = models.BooleanField(
        _("organisation (not a person)"),
        default=False,
        db_default=False,
        help_text=_(
            'Cited by its full name, e.g. "Nederlands Jeugdinstituut", '
            "instead of family name and initials."
        ),
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_('For example "adviseur sociale innovatie".'),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=1000,
        blank=True,
        help_text=_("Two or three sentences, shown on the profile page."),
    )
    photo = models.ImageField(
        _("photo"), upload_to="auteurs/", blank=True, max_length=200
    )
    photo_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the photo for readers who cannot see it. Required with a photo."
        ),
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_(
            "Only for the editorial team (e.g. the review digest); never shown."
        ),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.SET_NULL,
        related_name="author",
        null=True,
        blank=True,
        help_text=_(
            "An editor's own reactions on items they wrote are then marked "
            "as the author's."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        indexes = [models.Index(fields=["updated_at"], name="author_updated_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""),
                name="authors_author_photo_has_alt",
                violation_error_message=_("A photo needs an alternative text."),
                violation_error_code="photo_alt_required",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # The database constraint guards the rule; this names the field.
        if self.photo and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": _("A photo needs an alternative text.")},
                code="photo_alt_required",
            )


class AuthorLink(models.Model):
    """A link on the profile page: a personal site, ORCID, LinkedIn."""

    author = models.ForeignKey(
        Author,
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("author"),
    )
    label = models.CharField(_("label"), max_length=100)
    url = models.URLField(_("link"), max_length=500)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "id"]
        constraints = [
            # Rendered as href: only http(s), whatever wrote the row.
            models.CheckConstraint(
                condition=Q(url__startswith="https://") | Q(url__startswith="http://"),
                name="authors_authorlink_url_is_web_link",
                violation_error_message=_(
                    "Enter a web address starting with https://."
                ),
            ),
        ]

    def __str__(self):
        return self.label
