import datetime as dt

from django import template
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from dossiers.models import Dossier, DossierReview

register = template.Library()


@register.simple_tag(takes_context=True)
def overdue_review_count(context):
    """Published dossiers past their review date, for users who may see them."""
    user = context["request"].user
    if not user.has_perm("dossiers.view_dossier"):
        return None
    return Dossier.objects.published().review_overdue(timezone.localdate()).count()


@register.simple_tag(takes_context=True)
def drafts_waiting_for_review(context):
    """Drafts sent for review and not yet answered, and how many of those
    wait longer than DOSSIER_REVIEW_WAIT_DAYS; None for users who may not
    see dossiers."""
    if not context["request"].user.has_perm("dossiers.view_dossier"):
        return None
    waiting = DossierReview.objects.waiting()
    since = timezone.now() - dt.timedelta(days=settings.DOSSIER_REVIEW_WAIT_DAYS)
    return waiting.aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(at__lt=since))
    )
