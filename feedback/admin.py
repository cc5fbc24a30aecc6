from django.contrib import admin

from .models import LinkCheck, StudySuggestion, Usefulness


class ReadOnlyAdmin(admin.ModelAdmin):
    """What readers sent: editors read it (and the review packet sums it
    up), nobody edits it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Usefulness)
class UsefulnessAdmin(ReadOnlyAdmin):
    list_display = ["dossier", "useful", "remark", "version_number", "created_at"]
    list_filter = ["useful", "dossier"]
    list_select_related = ["dossier"]


@admin.register(StudySuggestion)
class StudySuggestionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "doi", "dossier", "created_at"]
    list_filter = ["dossier"]
    list_select_related = ["dossier"]
    search_fields = ["reference", "doi"]


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnlyAdmin):
    list_display = ["url", "status", "error", "checked_at"]
    search_fields = ["url"]
