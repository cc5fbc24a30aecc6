from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from movisie_site.publishing_admin import PublicationStateFilter, PublishableAdmin

from .images import store_image_sizes
from .models import Article


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ["title", "kind", "state", "published_at", "author"]
    list_filter = [PublicationStateFilter, "status", "kind", "themes", "dossiers"]
    search_fields = ["title", "lead", "body", "author"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "author", "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Belongs to"), {"fields": ["themes", "dossiers"]}),
        (_("Publication"), {"fields": ["status", "published_at", "reactions"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            store_image_sizes(article=obj)
