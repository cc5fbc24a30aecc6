"""Published versions of a dossier (snapshots readers can go back to) and
the stored comparisons between two of them."""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pdfs import VersionPdf


class DossierVersionQuerySet(models.QuerySet):
    def delete(self):
        """Delete the versions, their PDF files included (see
        ``VersionPdfQuerySet.delete``)."""
        with transaction.atomic():
            VersionPdf.objects.filter(version__in=self.values("pk")).delete()
            return super().delete()

    def visible(self, now=None):
        """Versions whose moment has come (``now``, by default now):
        scheduled ones appear by themselves."""
        return self.filter(published_at__lte=timezone.now() if now is None else now)

    def current(self, now=None):
        """Newest visible first: ``.first()`` is the version readers see."""
        return self.visible(now).order_by("-number")

    def section_changes(self) -> dict[str, list[int]]:
        """{anchor: numbers of the visible versions that changed it}, in
        one query of two small columns."""
        changes: dict[str, list[int]] = {}
        rows = (
            self.visible()
            .exclude(changed_sections__isnull=True)
            .order_by("number")
            .values_list("number", "changed_sections")
        )
        for number, anchors in rows:
            for anchor in anchors:
                changes.setdefault(anchor, []).append(number)
        return changes

    def for_listing(self):
        """What a list of versions shows: not the snapshot or its text, but
        whether it can be compared with the version before (``comparable``)."""
        return self.only(
            "id",
            "dossier_id",
            "number",
            "published_at",
            "note",
            "title",
            "substantive",
            "conclusions_changed",
            "reactions_taken",
        ).with_comparable()

    def with_comparable(self):
        """``comparable``: this version and the one before it both kept their
        text, so "what changed" can be shown (``diff.diff_versions``). The
        first version, and versions carried over from a revision log (text
        not kept), have nothing to compare: a link to it would be a dead end.
        """
        previous = DossierVersion.objects.filter(
            dossier=models.OuterRef("dossier"),
            number=models.OuterRef("number") - 1,
            content__isnull=False,
        )
        return self.annotate(
            comparable=models.ExpressionWrapper(
                models.Q(content__isnull=False) & models.Exists(previous),
                output_field=models.BooleanField(),
            )
        )


class DossierVersion(models.Model):
    """A published state of a dossier: numbered, dated, noted, never changed.

    ``content`` is a snapshot of everything the dossier page shows (see
    ``dossiers/versions.py``), so the page of a version costs one row instead
    of a join over five tables, and later edits of the dossier cannot alter
    what was published. Versions carried over from the hand-typed revision
    log (migration 0010) kept only their date and note: their ``content``
    is NULL, except the newest, which holds the dossier as it was then.
    A database trigger refuses to change a version once readers could see it.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        # In the database: the search index rows of a version go with it.
        on_delete=models.DB_CASCADE,
        related_name="versions",
        verbose_name=_("dossier"),
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DB_SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    # "Wat is er nieuw": plain text, one point a line, shown with the
    # version and in the follow mail.
    whats_new = models.TextField(_("what's new"), blank=True, max_length=3000)
    # A substantive change (new findings, rewritten sections) is mailed to
    # the dossier's followers; a correction (typos, links) is not.
    substantive = models.BooleanField(_("substantive change"), default=False)
    conclusions_changed = models.BooleanField(_("conclusions changed"), default=False)
    # The anchors of the sections this version changed, added or removed
    # against the one before (as its comparison page shows them), made at
    # publication; NULL when the text of either was not kept. Reactions on a
    # section read it to say "deze paragraaf is sindsdien gewijzigd".
    changed_sections = models.JSONField(
        _("changed sections"), null=True, blank=True, editable=False
    )
    # How many reactions the editor marked as taken into this version when
    # publishing it: the page looks them up only when there are some.
    reactions_taken = models.PositiveSmallIntegerField(
        _("reactions taken in"), default=0, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    content = models.JSONField(_("content"), null=True, blank=True, editable=False)
    # The version's own citation and its literature list, as CSL-JSON items
    # with their APA 7 text, made once at publication (dossiers/literature.py).
    citations = models.JSONField(_("citations"), null=True, blank=True, editable=False)
    # Plain text of the snapshot's sections and parts, for the search index
    # and its snippets: written by a PostgreSQL trigger when the version is
    # inserted (search 0005). Whatever Django writes here is replaced.
    search_document = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DossierVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "number"], name="dossier_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="dossier_version_number_gte_1"
            ),
            # Changed conclusions are always a substantive change.
            models.CheckConstraint(
                condition=models.Q(conclusions_changed=False)
                | models.Q(substantive=True),
                name="dossier_version_conclusions_substantive",
            ),
        ]
        indexes = [
            models.Index(
                fields=["dossier", "-published_at"], name="dossier_version_pub_idx"
            ),
            models.Index(fields=["-published_at"], name="dossier_version_feed_idx"),
        ]

    def __str__(self):
        return f"{self.dossier_id} v{self.number}"

    def get_absolute_url(self):
        return reverse(
            "dossiers:version",
            kwargs={"slug": self.dossier.slug, "number": self.number},
        )

    def delete(self, *args, **kwargs):
        """Also its PDF file (``VersionPdfQuerySet.delete``)."""
        with transaction.atomic():
            VersionPdf.objects.filter(version=self).delete()
            return super().delete(*args, **kwargs)

    @property
    def has_content(self) -> bool:
        return self.content is not None

    def whats_new_points(self) -> list[str]:
        """ "Wat is er nieuw" as a list: one point per non-empty line."""
        points = (line.strip(" -*\t") for line in self.whats_new.splitlines())
        return [point for point in points if point]


class VersionComparison(models.Model):
    """What changed from one version to a later one, as the comparison page
    shows it (dossiers/diff.py), computed once and kept here, where every app
    server finds it (dossiers/comparisons.py). Versions never change once
    readers can see them, so neither does their comparison; ``algorithm``
    names the way it was computed, and a new one computes it again."""

    old = models.ForeignKey(
        DossierVersion,
        on_delete=models.DB_CASCADE,
        related_name="+",
        verbose_name=_("older version"),
    )
    new = models.ForeignKey(
        DossierVersion,
        on_delete=models.DB_CASCADE,
        related_name="+",
        verbose_name=_("newer version"),
    )
    algorithm = models.PositiveSmallIntegerField(_("algorithm"))
    sections = models.JSONField(_("sections"), editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comparison of versions")
        verbose_name_plural = _("comparisons of versions")
        constraints = [
            models.UniqueConstraint(
                fields=["old", "new", "algorithm"],
                name="version_comparison_unique",
            ),
        ]

    def __str__(self):
        return f"{self.old_id} → {self.new_id}"
