# TEMPORARY (reactions branch): a minimal detail page to test reactions end to
# end before the merge; the content branch's version replaces this file.
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView

from .models import Dossier


class DossierDetailView(DetailView):
    context_object_name = "dossier"

    def get_queryset(self):
        return Dossier.objects.published()


detail = cache_control(public=True, max_age=60)(DossierDetailView.as_view())
