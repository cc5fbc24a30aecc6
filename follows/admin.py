from django.contrib import admin

from .models import Announcement, Follow


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    """Who follows what, with when they asked, confirmed and stopped (the
    record of their consent). Read only: followers act through their links."""

    list_display = [
        "email",
        "dossier",
        "theme",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    list_filter = ["confirmed_at", "unsubscribed_at"]
    search_fields = ["email"]
    list_select_related = ["dossier", "theme"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["version", "created_at", "recipients"]
    list_select_related = ["version"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
