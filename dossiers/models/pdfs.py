"""A version's PDF file, and a remembered failure to make one."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


def delete_files_on_commit(storage, names) -> None:
    """Delete the files ``names`` from ``storage`` once the transaction
    commits: never before (a rolled-back change still has its files), and a
    storage that fails then is logged, not raised (the file stays behind)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: _delete_files(storage, names), robust=True)


def _delete_files(storage, names) -> None:
    for name in names:
        storage.delete(name)


class VersionPdfQuerySet(models.QuerySet):
    def delete(self):
        """Delete the rows and, after commit, their files.

        The rows go with their version and dossier in the database
        (``DB_CASCADE``), where no file can be deleted; so the dossier's and
        version's ``delete()`` (instance and queryset, which the admin uses)
        delete their PDFs through here first, in the same transaction.
        """
        with transaction.atomic():
            names = list(self.values_list("file", flat=True))
            deleted = super().delete()
            delete_files_on_commit(VersionPdf.file.field.storage, names)
            return deleted


class VersionPdf(models.Model):
    """A version's PDF, made once (dossiers/pdf.py) and kept in the default
    storage, which every app server shares. ``layout`` is the PDF layout it
    was made with: a PDF of an older layout is made again on request (and
    the old file deleted). Deleting the row, its version or its dossier
    deletes the file too, once that commits (``VersionPdfQuerySet``)."""

    version = models.OneToOneField(
        "dossiers.DossierVersion",
        on_delete=models.DB_CASCADE,
        related_name="pdf",
        verbose_name=_("version"),
    )
    file = models.FileField(_("file"), max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"))
    layout = models.PositiveSmallIntegerField(_("layout"))
    # What the PDF says about how current the dossier is (``Dossier.
    # currency_stamp``; empty for a version that is not the current one): a
    # PDF made under another status is made again on request.
    stamp = models.CharField(_("status stamp"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VersionPdfQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF of a version")
        verbose_name_plural = _("PDFs of versions")

    def __str__(self):
        return self.file.name

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            delete_files_on_commit(self.file.storage, [self.file.name])
            return deleted


class VersionPdfFailure(models.Model):
    """That making a version's PDF failed (dossiers/pdf.py): requests do not
    try again for an hour, and editors see the error in the admin. Deleting
    the row lets the next request try at once; a PDF made deletes it."""

    version = models.OneToOneField(
        "dossiers.DossierVersion",
        on_delete=models.DB_CASCADE,
        related_name="pdf_failure",
        verbose_name=_("version"),
    )
    layout = models.PositiveSmallIntegerField(_("layout"))
    error = models.TextField(_("error"))
    failed_at = models.DateTimeField(_("failed at"))

    class Meta:
        verbose_name = _("failed PDF")
        verbose_name_plural = _("failed PDFs")

    def __str__(self):
        return f"{self.version}: {self.error[:60]}"
