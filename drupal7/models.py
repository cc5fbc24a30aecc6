"""Drupal's ids kept beside ours, so the import can run again."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    TERM = "term", _("taxonomy term")
    NODE = "node", _("node")
    COMMENT = "comment", _("comment")
    REVISION = "revision", _("revision")
    REDIRECT = "redirect", _("address")


class ImportedItem(models.Model):
    """One Drupal thing and what it became here.

    ``fingerprint`` is a hash of what the import last wrote; when the object
    here no longer hashes the same, an editor changed it and the next run
    leaves it alone (unless ``--overwrite``). ``source_fingerprint`` hashes
    the Drupal data it came from: when that is unchanged, nothing is written.
    For addresses ``drupal_id`` is the old path itself.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind)
    drupal_id = models.CharField(_("Drupal id"), max_length=255)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("imported as")
    )
    target_id = models.BigIntegerField(_("id here"))
    target = GenericForeignKey("target_type", "target_id")
    # What we wrote, and what Drupal held when we wrote it: an editor's change
    # shows in the first, a change in Drupal in the second.
    fingerprint = models.CharField(max_length=64)
    source_fingerprint = models.CharField(max_length=64)
    source_changed = models.BigIntegerField(
        _("changed in Drupal"), null=True, blank=True, help_text=_("Unix time.")
    )
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported Drupal item")
        verbose_name_plural = _("imported Drupal items")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "drupal_id"], name="drupal7_item_unique_source"
            )
        ]
        indexes = [
            models.Index(
                fields=["target_type", "target_id"], name="drupal7_item_target_idx"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.drupal_id}"
