"""Admin pieces shared by the dossier and article admins."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .publishing import PublicationState, Status, publication_state
from .purging_admin import PurgingAdmin


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case PublicationState.PUBLISHED:
                return queryset.published()
            case PublicationState.SCHEDULED:
                return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
            case PublicationState.DRAFT:
                return queryset.exclude(status=Status.PUBLISHED)
        return queryset


class PublishableAdmin(PurgingAdmin):
    """List columns, filters and widgets every publishable item shares;
    saving purges the item's pages (core/purging_admin.py)."""

    date_hierarchy = "published_at"
    ordering = ["-published_at"]
    prepopulated_fields = {"slug": ("title",)}
    list_per_page = 50
    # Plain checkboxes: few themes and dossiers, and no extra admin JavaScript.
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj):
        state = publication_state(obj)
        return format_html(
            '<span class="publication-state publication-state--{}">{}</span>',
            state.value,
            state.label,
        )
