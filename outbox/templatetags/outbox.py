from django import template

from outbox.models import OutgoingMail

register = template.Library()


@register.simple_tag(takes_context=True)
def failed_mail_count(context):
    """Mails tried and not sent yet (waiting for a retry), for users who may
    see the outbox; None for others."""
    if not context["request"].user.has_perm("outbox.view_outgoingmail"):
        return None
    return OutgoingMail.objects.failed().count()
