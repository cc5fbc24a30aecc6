"""The reactions' admin: the moderation list (moderation.py), a reaction's
own page and the editorial team's answer and redaction (reaction_page.py),
and the personal data page (personal_data.py), on one ModelAdmin."""

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.editors import display_name

from ..models import Comment, CommentStatus
from .filters import ItemKindFilter, PendingChangeFilter
from .moderation import (
    BULK_ACTIONS,
    AnswerRow,
    DecisionRow,
    IncorporateRow,
    ModerationQueue,
    status_tabs,
)
from .personal_data import PersonalDataMixin
from .reaction_page import ReactionPageMixin


def _bulk_action(name):
    description, action = BULK_ACTIONS[name]
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Comment)
class CommentAdmin(ReactionPageMixin, PersonalDataMixin, admin.ModelAdmin):
    # The list's rows are drawn by admin/comments/comment/change_list.html;
    # list_display only names the columns Django's changelist sorts by.
    list_display = ["name", "created_at"]
    # The status is the row of tabs above the list.
    list_filter = [PendingChangeFilter, ItemKindFilter, "is_staff_reply"]
    search_fields = ["name", "email", "text"]
    list_select_related = ["article", "dossier", "parent"]
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = [
        "approve",
        "reject",
        "mark_spam",
        "withdraw",
        "relevant_for_review",
        "personal_data",
    ]
    approve = _bulk_action("approve")
    reject = _bulk_action("reject")
    mark_spam = _bulk_action("mark_spam")
    withdraw = _bulk_action("withdraw")
    relevant_for_review = _bulk_action("relevant_for_review")

    class Media:
        js = ["js/moderation.js"]

    def get_changelist(self, request, **kwargs):
        return ModerationQueue

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request,
            {
                "title": _("Moderate reactions"),
                "status_tabs": status_tabs(request),
                "has_display_name": bool(display_name(request.user)),
                # The list needs the width: the app list stays on the index.
                "is_nav_sidebar_enabled": False,
                **(extra_context or {}),
            },
        )

    def get_ordering(self, request):
        # Waiting first, then oldest first: an expression rather than an
        # annotation, so the changelist keeps it.
        pending_first = Case(
            When(status=CommentStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "created_at", "pk"]

    def has_add_permission(self, request):
        # Reactions come from readers and editors on the site itself.
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # The writer-history link: every reaction under one address hash.
        return lookup == "email_hash" or super().lookup_allowed(lookup, value, request)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "persoonsgegevens/",
                view(self.personal_data_view),
                name="comments_comment_personal_data",
            ),
            path(
                "<path:object_id>/beantwoorden/",
                view(self.answer_view),
                name="comments_comment_answer",
            ),
            path(
                "<path:object_id>/inkorten/",
                view(self.redact_view),
                name="comments_comment_redact",
            ),
            path(
                "<path:object_id>/besluit/<slug:decision>/",
                view(DecisionRow(self)),
                name="comments_comment_decide",
            ),
            path(
                "<path:object_id>/antwoord/",
                view(AnswerRow(self)),
                name="comments_comment_answer_row",
            ),
            path(
                "<path:object_id>/verwerkt/",
                view(IncorporateRow(self)),
                name="comments_comment_incorporate",
            ),
            *super().get_urls(),
        ]
