from django.contrib import admin

from .models import ImportedItem


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    """Which Drupal id became what here: for looking up, never for editing."""

    list_display = ["kind", "drupal_id", "target_type", "target_id", "imported_at"]
    list_filter = ["kind", "target_type"]
    search_fields = ["drupal_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
