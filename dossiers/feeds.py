"""Atom and RSS feed of dossier revisions ("bijgewerkt"), newest first."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Dossier, DossierRevision

FEED_SIZE = 30


class DossierRevisionsFeed(Feed):
    title = _("Movisie: dossiers updated")
    description = _("What changed in the “What works” dossiers, newest first.")
    language = "nl"

    def link(self):
        return reverse("dossiers:index")

    def items(self):
        return (
            DossierRevision.objects.filter(dossier__in=Dossier.objects.published())
            .select_related("dossier")
            .order_by("-revised_on", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return _("%(dossier)s updated") % {"dossier": item.dossier.title}

    def item_description(self, item):
        return item.note

    def item_link(self, item):
        # Each revision has its own anchor in the dossier's revision log, so
        # the link doubles as a unique, permanent entry id.
        return f"{item.dossier.get_absolute_url()}#wijziging-{item.pk}"

    def item_pubdate(self, item):
        # A revision has a day, not a moment: the start of that day, local time.
        return timezone.make_aware(dt.datetime.combine(item.revised_on, dt.time()))

    def item_updateddate(self, item):
        return self.item_pubdate(item)


class DossierRevisionsAtomFeed(DossierRevisionsFeed):
    feed_type = Atom1Feed
    subtitle = DossierRevisionsFeed.description
