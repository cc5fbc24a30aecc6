from django import template

from comments.thread import build_thread

register = template.Library()


@register.simple_tag
def reaction_thread(item):
    """``{% reaction_thread item as thread %}``: the thread in one query."""
    return build_thread(item)


@register.simple_tag(takes_context=True)
def pending_reaction_count(context):
    """Reactions waiting for moderation, for users who may see them."""
    from comments.models import Comment

    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.pending().count()
