from django import template

from comments.models import Comment
from comments.thread import render_reactions as _render_reactions

register = template.Library()


@register.simple_tag
def render_reactions(item):
    """``{% render_reactions item %}``: count, thread and the way to react."""
    return _render_reactions(item)


@register.simple_tag(takes_context=True)
def pending_reaction_count(context):
    """Reactions waiting for moderation, for users who may see them."""
    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.pending().count()


@register.simple_tag
def reaction_counts(items):
    """``{% reaction_counts articles %}``: ``reaction_count`` on every card.

    One query for the whole list, whatever its length. Items whose reactions
    are hidden count 0, so their cards say nothing about reactions.
    """
    items = list(items)  # a QuerySet keeps these rows for the {% for %} after
    counts = Comment.objects.counts_for(items)
    for item in items:
        item.reaction_count = counts.get(item.pk, 0) if item.reactions_shown else 0
    return ""
