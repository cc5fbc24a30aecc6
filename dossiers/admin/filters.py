"""The dossier list's side filters about review."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REVIEW_LABELS = [
    ("submitted", _("waiting for review")),
    ("approved", _("approved")),
    ("sent_back", _("sent back")),
]


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "herziening"

    def lookups(self, request, model_admin):
        return [("verlopen", _("review overdue")), ("binnen-30", _("within 30 days"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "verlopen":
                return queryset.review_overdue(today)
            case "binnen-30":
                return queryset.review_due_within(today)
        return queryset


class ReviewRoundFilter(admin.SimpleListFilter):
    """Where the draft's review stands (its newest step)."""

    title = _("review of the draft")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return REVIEW_LABELS

    def queryset(self, request, queryset):
        if self.value() in dict(REVIEW_LABELS):
            return queryset.filter(review_step=self.value())
        return queryset
