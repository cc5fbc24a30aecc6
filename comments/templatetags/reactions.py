from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from comments import thread
from comments.models import Comment
from core import surrogates

register = template.Library()


@register.simple_tag(takes_context=True)
def render_reactions(context, item):
    """``{% render_reactions item %}``: count, this page of the thread, and the
    way to react."""
    surrogates.shows(surrogates.reactions_key(item))
    if not item.reactions_shown:
        return ""
    return thread.render_reactions(item, thread.thread_page(item, context["request"]))


@register.simple_tag(takes_context=True)
def reaction_page_head(context, item):
    """``{% reaction_page_head item %}`` in the ``canonical`` block of an item page.

    The first page is the item's canonical address. A later page of reactions
    is kept out of search indexes with ``noindex, follow`` (its links are
    still followed) and names itself as canonical: it is not a duplicate of
    the first page (other reactions), so pointing it at page 1 would be a
    canonical that search engines may ignore, after which the item's own
    text would be indexed once per page. An address that shows a page under
    another name (``?page=0``, ``?page=abc``, ``?page=999``) names that page.
    """
    request = context["request"]
    if not item.reactions_shown:
        return format_html('<link rel="canonical" href="{}">', context["canonical_url"])
    page = thread.thread_page(item, request)
    canonical = request.build_absolute_uri(page.url)
    html = format_html('<link rel="canonical" href="{}">', canonical)
    if page.number > 1:
        html += mark_safe('\n  <meta name="robots" content="noindex, follow">')
    return html


@register.simple_tag(takes_context=True)
def pending_reaction_count(context):
    """Reactions waiting for moderation, for users who may see them."""
    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.awaiting_moderation().count()


@register.simple_tag
def reaction_counts(items):
    """``{% reaction_counts articles %}``: ``reaction_count`` on every card.

    One query for the whole list, whatever its length. Items whose reactions
    are hidden count 0, so their cards say nothing about reactions.
    """
    items = list(items)  # a QuerySet keeps these rows for the {% for %} after
    surrogates.shows_all(items)  # each card: its item and its count
    counts = Comment.objects.counts_for(items)
    for item in items:
        item.reaction_count = counts.get(item.pk, 0) if item.reactions_shown else 0
    return ""


@register.inclusion_tag("comments/_notice.html", takes_context=True)
def reaction_notice(context):
    """A note on an item page reached through the address of a reaction that
    is not shown (comments.views.permalink)."""
    request = context["request"]
    return {"not_shown": getattr(request, "reaction_not_shown", False)}


@register.simple_tag(takes_context=True)
def reaction_page_title(context, item):
    """`` (reacties, pagina 2)`` after the title of a later page, else ""."""
    if not item.reactions_shown:
        return ""
    page = thread.thread_page(item, context["request"])
    if page.number == 1:
        return ""
    return gettext(" (reactions, page %(number)s)") % {"number": page.number}
