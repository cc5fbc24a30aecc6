from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core import structured_data, surrogates
from core.editors import is_editor
from core.views import PageMetaMixin

from .models import Author, AuthorLink


def _content_models():
    """The Dossier and Article models, reached through this app's reverse
    relations: the content apps build on this one, so it imports neither."""
    return (
        Author._meta.get_field("dossiers").related_model,
        Author._meta.get_field("articles").related_model,
    )


class AuthorListView(PageMetaMixin, ListView):
    """/auteurs/: everyone with a public profile, by name.

    The rule of the profile page: credited on a published article, or by
    the version readers see of a published dossier (as author or contact
    person). Two queries, whatever the number of authors.
    """

    template_name = "authors/author_list.html"
    context_object_name = "authors"

    def get_queryset(self):
        dossiers, articles = _content_models()
        credited = dossiers.objects.published().credited_author_ids()
        wrote = articles.objects.published().filter(authors=OuterRef("pk"))
        return (
            Author.objects.filter(Q(pk__in=credited) | Exists(wrote))
            .only("name", "slug", "role", "is_organisation", "photo", "photo_alt")
            .order_by("name")
        )

    def get_breadcrumbs(self):
        return [(_("Authors"), reverse("authors:index"))]


class AuthorDetailView(PageMetaMixin, DetailView):
    """An author's profile: who they are, their dossiers and articles."""

    template_name = "authors/author_detail.html"
    context_object_name = "author"

    def get_queryset(self):
        return Author.objects.prefetch_related(
            Prefetch("links", AuthorLink.objects.order_by("position", "id"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        author = self.object
        surrogates.shows(
            author,
            surrogates.list_key(author.dossiers.model),
            surrogates.list_key(author.articles.model),
        )
        # Cards as every list shows them (the content models' ``cards()``),
        # read through the reverse relations: this app does not import the
        # content apps that build on it. A dossier is listed when the version
        # readers see credits the author, as its page does (the draft's
        # credits, ``author.dossiers``, may differ), so its manager is
        # reached through the relation's model.
        dossiers = _content_models()[0].objects
        context["dossiers"] = list(
            dossiers.published().crediting(author).cards().order_by("public_title")
        )
        context["articles"] = list(
            author.articles.published().order_by("-published_at", "-id").cards()
        )
        user = self.request.user
        if not (context["dossiers"] or context["articles"] or is_editor(user)):
            # Nothing published yet: no public page (it would name the
            # author of a draft).
            raise Http404("Author without published work")
        return context

    def get_breadcrumbs(self):
        return [
            (_("Authors"), reverse("authors:index")),
            (self.object.name, self.object.get_absolute_url()),
        ]

    def get_structured_data(self):
        author = self.object
        photo_url = (
            self.request.build_absolute_uri(author.photo.url) if author.photo else ""
        )
        return [structured_data.author_data(self.request, author, photo_url)]
