"""Atom and RSS feed of dossier versions ("bijgewerkt"), newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Dossier, DossierVersion

FEED_SIZE = 30


class DossierRevisionsFeed(Feed):
    title = _("Movisie: dossiers updated")
    description = _("What changed in the “What works” dossiers, newest first.")
    language = "nl"

    def link(self):
        return reverse("dossiers:index")

    def items(self):
        return (
            DossierVersion.objects.visible()
            .filter(dossier__in=Dossier.objects.published())
            .select_related("dossier")
            .only("number", "published_at", "note", "title", "dossier__slug")
            .with_comparable()
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        # The title the version was published under, not the draft's.
        if item.number == 1:
            return _("%(dossier)s published") % {"dossier": item.title}
        return _("%(dossier)s updated (version %(number)s)") % {
            "dossier": item.title,
            "number": item.number,
        }

    def item_description(self, item):
        return item.note or _("First version.")

    def item_link(self, item):
        # What changed since the version before, when both kept their text;
        # else the version's own page. Each version has its own address: the
        # link is also the entry id.
        slug = item.dossier.slug
        if not item.comparable:
            return reverse("dossiers:version", args=[slug, item.number])
        return reverse("dossiers:diff", args=[slug, item.number - 1, item.number])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class DossierRevisionsAtomFeed(DossierRevisionsFeed):
    feed_type = Atom1Feed
    subtitle = DossierRevisionsFeed.description
