"""Admin edits purge the caching proxy: the pages showing the object, and
every list of its kind (an item added, removed, renamed or moved in time).

Saving and deleting in the admin run in one transaction (Django's
``changeform_view`` and ``delete_view``), so the purge rows commit with the
change (``purges.queue``). An item scheduled for later is purged again at
its publication moment, when it appears on the site by itself.
"""

from django.contrib import admin
from django.utils import timezone

from purges.queue import purge

from . import surrogates


def purge_item(obj) -> None:
    """Purge ``obj``'s pages and lists now, and at its publication moment if
    that is still to come."""
    keys = surrogates.item_keys(obj)
    purge(keys)
    published_at = getattr(obj, "published_at", None)
    if published_at and published_at > timezone.now():
        purge(keys, at=published_at)


class PurgingAdmin(admin.ModelAdmin):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        purge_item(form.instance)

    def delete_model(self, request, obj):
        keys = surrogates.item_keys(obj)
        super().delete_model(request, obj)
        purge(keys)

    def delete_queryset(self, request, queryset):
        keys = [key for obj in queryset for key in surrogates.item_keys(obj)]
        super().delete_queryset(request, queryset)
        purge(keys)
