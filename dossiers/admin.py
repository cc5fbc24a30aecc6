from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from movisie_site.publishing_admin import PublicationStateFilter, PublishableAdmin

from .models import (
    Dossier,
    DossierAuthor,
    DossierContact,
    DossierRevision,
    EffectiveElement,
    GoodExample,
    Reference,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


class OrderedInline(admin.StackedInline):
    """Rows of a dossier; the position field sets their order."""

    extra = 0
    classes = ["collapse"]


class DossierAuthorInline(admin.TabularInline):
    model = DossierAuthor
    extra = 0
    fields = ["position", "author"]
    autocomplete_fields = ["author"]


class DossierContactInline(DossierAuthorInline):
    model = DossierContact


class EffectiveElementInline(OrderedInline):
    model = EffectiveElement
    fields = ["position", "title", "presumed", "explanation"]


class GoodExampleInline(OrderedInline):
    model = GoodExample
    fields = ["position", "name", "organisation", "url", "description"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 0
    fields = ["position", "authors", "year", "title", "source", "url", "doi"]


class DossierRevisionInline(admin.TabularInline):
    model = DossierRevision
    extra = 0
    fields = ["revised_on", "note"]


@admin.register(Dossier)
class DossierAdmin(PublishableAdmin):
    list_display = ["title", "state", "published_at", "last_revised_at"]
    list_filter = [PublicationStateFilter, "status", "themes"]
    search_fields = ["title", "summary", "authors__name", "contacts__name"]
    inlines = [
        DossierAuthorInline,
        DossierContactInline,
        EffectiveElementInline,
        GoodExampleInline,
        ReferenceInline,
        DossierRevisionInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "themes"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "last_revised_at", "reactions"]},
        ),
        (
            _("Sections"),
            {
                "description": _(
                    "Readers see the sections in this order; empty sections "
                    "are left out. Effective elements, good examples and "
                    "literature follow below."
                ),
                "fields": [
                    "definition",
                    "facts_and_figures",
                    "policy",
                    "trends",
                    "current_debates",
                    "effective_elements_intro",
                    "promising_approaches",
                ],
            },
        ),
    ]
