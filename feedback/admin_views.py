"""The review packet as an admin page (feedback/review_packet.py)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from dossiers.models import Dossier

from .review_packet import review_packet


def review_packet_view(request, slug: str):
    if not request.user.has_perm("dossiers.view_dossier"):
        raise PermissionDenied
    dossier = get_object_or_404(Dossier.objects.links(), slug=slug)
    packet = review_packet(dossier)
    title = _("Review packet: %(title)s") % {
        "title": dossier.public_title or dossier.title
    }
    context = {
        **admin.site.each_context(request),
        "title": title,
        "packet": packet,
        "dossier": dossier,
        "opts": Dossier._meta,
    }
    return TemplateResponse(request, "admin/feedback/review_packet.html", context)


# Behind the admin's login, like its own pages.
review_packet_page = admin.site.admin_view(review_packet_view)
