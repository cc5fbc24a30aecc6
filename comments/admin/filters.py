"""The moderation list's side filters (the status is a row of tabs,
comments/admin/moderation.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.kinds import ITEM_FIELDS, ItemKind


class ItemKindFilter(admin.SimpleListFilter):
    title = _("item type")
    parameter_name = "soort"

    def lookups(self, request, model_admin):
        return ItemKind.choices

    def queryset(self, request, queryset):
        field = ITEM_FIELDS.get(self.value())
        if field:
            return queryset.filter(**{f"{field}__isnull": False})
        return queryset


class PendingChangeFilter(admin.SimpleListFilter):
    """New reactions and writers' changes to published ones that wait for a
    moderator: the one rule (``awaiting_moderation``) the mails, the digest
    and the dashboard go by too."""

    title = _("moderation")
    parameter_name = "wijziging"

    def lookups(self, request, model_admin):
        return [("wacht", _("awaiting approval"))]

    def queryset(self, request, queryset):
        if self.value() == "wacht":
            return queryset.awaiting_moderation()
        return queryset
