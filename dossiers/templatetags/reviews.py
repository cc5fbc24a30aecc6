from django import template
from django.utils import timezone

from dossiers.models import Dossier

register = template.Library()


@register.simple_tag(takes_context=True)
def overdue_review_count(context):
    """Published dossiers past their review date, for users who may see them."""
    user = context["request"].user
    if not user.has_perm("dossiers.view_dossier"):
        return None
    return Dossier.objects.published().review_overdue(timezone.localdate()).count()
