"""The editors' pages (Over ons, Contact, …): one view for all of them."""

from django.views.generic import TemplateView

from core import surrogates
from core.views import PageMetaMixin

from .models import Page


class PageView(PageMetaMixin, TemplateView):
    template_name = "pages/page.html"
    slug = ""

    def get_breadcrumbs(self):
        return [(self.page.title, self.request.path)]

    def get_context_data(self, **kwargs):
        self.page = Page.objects.shown(self.slug)
        # Any page's change purges them all: "pages" (core/purging_admin.py).
        surrogates.shows(surrogates.list_key(Page))
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        return context
