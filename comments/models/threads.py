"""What a thread's pages need before reading one: counts kept by PostgreSQL."""

from django.db import models

from core.kinds import exactly_one_item


class ThreadCounts(models.Model):
    """What a thread's pages need to know before reading a page: kept by
    PostgreSQL itself (triggers of migration 0012 on every insert, update and
    delete of reactions, whichever code or COPY does it), so reading them is
    one row, however long the thread (comments/thread.py).

    ``total`` and ``changed`` (all reactions, any status, and their latest
    change) version the cached pages; ``approved`` is the count readers see;
    ``roots`` the top-level slots pages are made of (a distinct first element
    of the paths of approved reactions). An item without reactions has no
    row. Writers of one item are serialised by a lock per item, so two
    transactions never leave counts that miss the other's reaction.
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.DB_CASCADE,
        null=True,
        related_name="+",
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.DB_CASCADE,
        null=True,
        related_name="+",
    )
    total = models.PositiveIntegerField()
    changed = models.DateTimeField(null=True)
    approved = models.PositiveIntegerField()
    roots = models.PositiveIntegerField()

    class Meta:
        constraints = [
            exactly_one_item("threadcounts_exactly_one_target"),
        ]

    def __str__(self):
        return f"{self.article_id or self.dossier_id}: {self.approved}"
