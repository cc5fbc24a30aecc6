"""Atom and RSS feeds of dossier versions, newest first: of every dossier
("bijgewerkt") and of one dossier (to follow a living dossier)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.feeds import StyledAtom1Feed, StyledFeed

from .models import Dossier, DossierVersion

FEED_SIZE = 30


class DossierRevisionsFeed(StyledFeed):
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
    feed_type = StyledAtom1Feed
    subtitle = DossierRevisionsFeed.description


class DossierVersionsFeed(DossierRevisionsFeed):
    """The versions of one dossier: a reader follows how it grows."""

    def get_object(self, request, slug):
        return get_object_or_404(
            Dossier.objects.published().with_public_text(), slug=slug
        )

    def title(self, obj):
        return _("Movisie: updates of the dossier %(dossier)s") % {
            "dossier": obj.public_title
        }

    def description(self, obj):
        return _("Every new version of the dossier %(dossier)s, with what changed.") % {
            "dossier": obj.public_title
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return (
            DossierVersion.objects.visible()
            .filter(dossier=obj)
            .select_related("dossier")
            .only("number", "published_at", "note", "title", "dossier__slug")
            .with_comparable()
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )


class DossierVersionsAtomFeed(DossierVersionsFeed):
    feed_type = StyledAtom1Feed

    def subtitle(self, obj):
        return self.description(obj)
