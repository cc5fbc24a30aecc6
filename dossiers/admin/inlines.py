"""What a dossier's page edits inline: the people credited, effective
elements, good examples and references in an order editors drag (or type),
and the published versions as a read-only table."""

from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminBase,
    SortableInlineAdminMixin,
    SortableStackedInline,
)
from django import forms
from django.contrib import admin
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    Q,
)
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import (
    Dossier,
    DossierAuthor,
    DossierContact,
    DossierVersion,
    EffectiveElement,
    GoodExample,
    Reference,
)


class TypedOrderFormSet(CustomInlineFormSet):
    """django-admin-sortable2's formset, with the position left a number
    field instead of the hidden input it makes of it: without JavaScript (or
    from the keyboard) an editor still types the order; dragging writes the
    same field (its script fills every ``input._reorder_``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.form.base_fields.get(self.default_order_field)
        if field is not None:
            field.widget = forms.NumberInput(
                attrs={"class": "_reorder_ vIntegerField", "min": 0}
            )


class SortableInlinesAdmin(SortableAdminBase):
    """What django-admin-sortable2 adds to the dossier's page: its script
    and style for the inlines. Not its copy of Django's actions.js, which
    it swaps in for sortable change lists and has no copy of for Django 6.1
    (our change lists are not sortable)."""

    @property
    def media(self):
        return super(SortableAdminBase, self).media + forms.Media(
            css={"all": ["adminsortable2/css/sortable.css"]},
            js=["adminsortable2/js/adminsortable2.min.js"],
        )


class OrderedInline(SortableStackedInline):
    """Rows of a dossier, ordered by dragging (django-admin-sortable2) or by
    typing their position."""

    formset = TypedOrderFormSet
    # The library ships templates up to Django 6.0; 6.1's stacked inline
    # template is the same (diffed when adding the library).
    template = "adminsortable2/edit_inline/stacked-django-6.0.html"
    extra = 0
    classes = ["collapse"]

    def get_fields(self, request, obj=None):
        # Every inline names its position, sometimes beside another field
        # (("position", "kind")); the library looks only at the top level
        # and would add it a second time (two inputs with one id).
        return super(SortableInlineAdminMixin, self).get_fields(request, obj)


class DossierAuthorInline(OrderedInline):
    """Stacked, not tabular: every field gets its own label."""

    model = DossierAuthor
    classes = []
    fields = [("author", "position")]
    autocomplete_fields = ["author"]


class DossierContactInline(DossierAuthorInline):
    model = DossierContact


class EffectiveElementInline(OrderedInline):
    model = EffectiveElement
    fields = ["position", "title", "presumed", "explanation"]


class GoodExampleInline(OrderedInline):
    model = GoodExample
    fields = ["position", "name", "organisation", "url", "description"]


class ReferenceInline(OrderedInline):
    """Structured fields: the literature list and the downloads are made
    from them (dossiers/citations.py)."""

    model = Reference
    fields = [
        ("position", "kind"),
        "authors",
        ("year", "edition"),
        "title",
        "container_title",
        ("volume", "issue", "pages"),
        "publisher",
        ("url", "doi"),
    ]


class DossierVersionInline(admin.TabularInline):
    """The published versions: read only, with links to read, compare, load."""

    model = DossierVersion
    extra = 0
    can_delete = False
    # A plain table: "versie 3, 4 september 2023 11:00" instead of the
    # stock inline's "v3 Weergeven op website" line above each row.
    template = "admin/dossiers/dossier/versions_inline.html"
    fields = ["number", "published_at", "editor", "note", "links"]
    readonly_fields = fields
    ordering = ["-number"]
    verbose_name_plural = _("published versions")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("editor", "dossier")
            .defer("content", "search_document", "dossier__search_document")
            .annotate(
                kept_text=ExpressionWrapper(
                    Q(content__isnull=False), output_field=BooleanField()
                )
            )
            .with_comparable()
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("actions"))
    def links(self, version):
        base = f"admin:{Dossier._meta.app_label}_dossier"
        parts = [
            format_html(
                '<a href="{}">{}</a>',
                reverse(f"{base}_revert", args=[version.dossier_id, version.number]),
                _("Load into draft"),
            )
        ]
        if version.comparable:  # never a comparison that cannot be shown
            url = reverse(f"{base}_diff", args=[version.dossier_id])
            parts.append(
                format_html(
                    '<a href="{}?a={}&amp;b={}">{}</a>',
                    url,
                    version.number - 1,
                    version.number,
                    _("Changes"),
                )
            )
        return format_html(" · ".join(["{}"] * len(parts)), *parts)
