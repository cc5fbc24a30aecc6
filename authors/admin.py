from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.purging_admin import PurgingAdmin

from .models import Author, AuthorLink


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 0
    fields = ["position", "label", "url"]


@admin.register(Author)
class AuthorAdmin(PurgingAdmin):
    list_display = ["name", "role", "user"]
    list_filter = ["is_organisation"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AuthorLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_organisation", "role", "bio"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt"]}),
        (
            _("For the editorial team only"),
            {
                "description": _(
                    "The e-mail address is never shown on the site. A linked "
                    "staff user's reactions on their own items are marked as "
                    "the author's."
                ),
                "fields": ["email", "user"],
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only staff can react as editors; others need not be offered.
        if db_field.name == "user":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                is_staff=True
            ).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
