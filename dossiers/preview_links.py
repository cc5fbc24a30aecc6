"""The signed address of a preview link for an outside expert.

The address carries the link's id, signed with the site's secret key (a
guessed or altered id fails the signature); whether the link still works
(not revoked, not expired) is the database's answer at every visit.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import PreviewLink

SALT = "dossiers.preview-link"


def token_for(link: PreviewLink) -> str:
    return signing.dumps(link.pk, salt=SALT)


def url_for(link: PreviewLink) -> str:
    return reverse("dossiers:expert_preview", kwargs={"token": token_for(link)})


def usable_link(token: str) -> PreviewLink | None:
    """The link behind ``token`` if it may still be used, else None."""
    max_age = dt.timedelta(days=settings.DOSSIER_PREVIEW_LINK_DAYS + 1)
    try:
        pk = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return PreviewLink.objects.usable().select_related("dossier").filter(pk=pk).first()
