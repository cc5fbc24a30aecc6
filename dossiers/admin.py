from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.publishing_admin import PublicationStateFilter, PublishableAdmin

from . import services
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


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "herziening"

    def lookups(self, request, model_admin):
        return [("verlopen", _("review overdue")), ("binnen-30", _("within 30 days"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "verlopen":
                return queryset.review_overdue(today)
            case "binnen-30":
                return queryset.review_due_within(today, 30)
        return queryset


@admin.register(Dossier)
class DossierAdmin(PublishableAdmin):
    list_display = [
        "title",
        "state",
        "published_at",
        "last_revised_at",
        "review_due",
        "last_reviewed_on",
    ]
    list_filter = [PublicationStateFilter, ReviewFilter, "status", "themes"]
    readonly_fields = ["last_reviewed_on"]
    actions = ["record_review"]
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
        (_("Review"), {"fields": ["review_by", "last_reviewed_on"]}),
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

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_due()

    @admin.display(description=_("review by"), ordering="review_due")
    def review_due(self, obj):
        return obj.review_due

    @admin.action(description=_("Checked, no changes"), permissions=["change"])
    def record_review(self, request, queryset):
        for dossier in queryset:
            services.record_review(dossier=dossier)
            self.log_change(request, dossier, _("Checked, no changes"))
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d dossier recorded as checked, with no changes.",
                "%(count)d dossiers recorded as checked, with no changes.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
