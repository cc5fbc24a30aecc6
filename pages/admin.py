from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.purging_admin import PurgingAdmin

from .models import HomePage, Page


@admin.register(Page)
class PageAdmin(PurgingAdmin):
    list_display = ["title", "address", "updated_at"]
    fields = ["title", "lead", "body"]
    readonly_fields = ["address"]

    @admin.display(description=_("address"))
    def address(self, obj):
        return obj.get_absolute_url()

    # The pages are a fixed set (PageSlug), seeded by a migration.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HomePage)
class HomePageAdmin(PurgingAdmin):
    fields = ["featured_dossier"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "featured_dossier":
            kwargs["queryset"] = db_field.related_model.objects.published().links()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HomePage.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
