"""Themes in the admin."""

from django.contrib import admin

from core.purging_admin import PurgingAdmin

from ..models import (
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(PurgingAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}
