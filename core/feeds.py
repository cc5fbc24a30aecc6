"""What every feed shares: a stylesheet that makes it a readable page.

A reader who opens a feed in a browser gets, instead of a wall of XML, a
Dutch page that says what a feed is and how to follow it, with its entries
(``templates/feeds/feed.xsl``, one XSLT 1.0 stylesheet for our Atom and RSS
feeds). Feed readers ignore the ``<?xml-stylesheet?>`` processing
instruction; browsers apply it. The stylesheet is served by Django from our
own origin (browsers only apply a same-origin XSLT, and CSP allows 'self'),
rendered as a template so its words go through the translation catalogue.

Browsers are retiring XSLT (Chromium 156 still applies it, with a
deprecation banner of its own): a browser without it shows the feed's XML,
exactly as before, and the visible "Volg via RSS" links
(``templates/includes/_feed_link.html``) explain feeds on the page itself.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, Stylesheet
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.generic import TemplateView

# Chromium shows a document served as application/atom+xml or rss+xml as
# plain text, stylesheet or not; as application/xml (RFC 7303: any XML
# document) it applies the stylesheet. Feed readers go by the document's root
# element, and pages still announce the feeds with their own types
# (includes/_feed_links.html).
XML_CONTENT_TYPE = "application/xml; charset=utf-8"

# RFC 822 month abbreviations, as RSS dates write them.
RFC822_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


class StyledRssFeed(Rss201rev2Feed):
    content_type = XML_CONTENT_TYPE


class StyledFeed(Feed):
    """A feed that a browser shows as a readable page (RSS; its Atom twin
    sets ``feed_type = StyledAtom1Feed``)."""

    feed_type = StyledRssFeed

    def stylesheets(self):
        return [Stylesheet(reverse("feeds:stylesheet"), mimetype="text/xsl")]


class StyledAtom1Feed(Atom1Feed):
    """Atom with the stylesheet's processing instruction: Django writes the
    ``stylesheets`` for RSS only (``RssFeed.add_stylesheets``), so this is
    ``Atom1Feed.write`` with the same instruction in the same place."""

    content_type = XML_CONTENT_TYPE

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class FeedStylesheetView(TemplateView):
    template_name = "feeds/feed.xsl"
    content_type = "text/xsl; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = [
            (f"{number:02d}", RFC822_MONTHS[number - 1], MONTHS[number])
            for number in range(1, 13)
        ]
        return context
