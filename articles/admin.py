from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.images import store_image_sizes
from core.images_admin import IllustratedAdmin
from core.publishing_admin import PublicationStateFilter, PublishableAdmin

from .models import Article, ArticleAuthor


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    fields = ["position", "author"]
    autocomplete_fields = ["author"]


@admin.register(Article)
class ArticleAdmin(IllustratedAdmin, PublishableAdmin):
    list_display = ["title", "kind", "state", "published_at"]
    list_filter = [PublicationStateFilter, "status", "kind", "themes", "dossiers"]
    search_fields = ["title", "lead", "body", "authors__name"]
    inlines = [ArticleAuthorInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Belongs to"), {"fields": ["themes", "dossiers"]}),
        (_("Publication"), {"fields": ["status", "published_at", "reactions"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            store_image_sizes(item=obj)
