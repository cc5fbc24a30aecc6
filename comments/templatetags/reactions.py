from django import template

from comments.thread import render_reactions as _render_reactions

register = template.Library()


@register.simple_tag
def render_reactions(item):
    """``{% render_reactions item %}``: count, thread and the way to react."""
    return _render_reactions(item)


@register.simple_tag(takes_context=True)
def pending_reaction_count(context):
    """Reactions waiting for moderation, for users who may see them."""
    from comments.models import Comment

    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.pending().count()
