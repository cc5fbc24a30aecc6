"""What a moderator can decide about a reaction, and which decisions its
state allows: one declaration for the moderation list's row buttons, the
keyboard shortcuts and the reaction's own page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import Comment, CommentStatus


@dataclass(frozen=True)
class Decision:
    slug: str  # in the row action's address
    button: str  # the name of its button on the reaction's page
    service: Callable[..., bool]
    label: Promise
    done: Promise  # said after it
    key: str = ""  # keyboard shortcut on the list (static/js/moderation.js)
    primary: bool = False


DECISIONS = {
    decision.slug: decision
    for decision in (
        Decision(
            "wijziging-publiceren",
            "_approve_edit",
            services.approve_edit,
            _("Publish the change"),
            _("The writer's change has been published."),
            key="a",
            primary=True,
        ),
        Decision(
            "wijziging-weigeren",
            "_reject_edit",
            services.reject_edit,
            _("Refuse the change"),
            _("The writer's change was refused."),
        ),
        Decision(
            "goedkeuren",
            "_approve",
            services.approve,
            _("Approve"),
            _("The reaction has been approved."),
            key="a",
            primary=True,
        ),
        Decision(
            "afwijzen",
            "_reject",
            services.reject,
            _("Reject"),
            _("The reaction has been rejected."),
            key="d",
        ),
        Decision(
            "offline",
            "_withdraw",
            services.withdraw,
            _("Take off the site"),
            _("The reaction has been taken off the site."),
            key="d",
        ),
        Decision(
            "spam",
            "_spam",
            services.mark_spam,
            _("Spam"),
            _("The reaction has been marked as spam."),
            key="s",
        ),
    )
}


def decisions_for(comment: Comment) -> list[Decision]:
    """The decisions ``comment``'s state allows, the usual one first (the
    services refuse the others anyway: this only decides what is offered)."""
    status = comment.status
    slugs = []
    if status == CommentStatus.APPROVED and comment.pending_text:
        slugs += ["wijziging-publiceren", "wijziging-weigeren"]
    if status != CommentStatus.APPROVED and not comment.withdrawn_at:
        slugs.append("goedkeuren")
    if status in (CommentStatus.PENDING, CommentStatus.SPAM):
        slugs.append("afwijzen")
    if status == CommentStatus.APPROVED:
        slugs.append("offline")
    if status != CommentStatus.SPAM:
        slugs.append("spam")
    return [DECISIONS[slug] for slug in slugs]


def decide(decision: Decision, *, comment: Comment, moderator) -> bool:
    """Run ``decision`` on ``comment`` (locked, as the moderator saw it)."""
    extra = {}
    if decision.service is services.approve_edit:
        extra["text"] = comment.pending_text  # the change as it was shown
    return decision.service(comment=comment, moderator=moderator, **extra)


def can_answer(comment: Comment) -> bool:
    """services.answer hangs an answer under a published or waiting one."""
    return comment.status in (CommentStatus.APPROVED, CommentStatus.PENDING)
