"""The moderation list, built on the Comment changelist (WordPress's comments
screen is the anchor: https://wordpress.org/documentation/article/comments-screen/).

Why the changelist and not a page of our own: it already gives the search,
the side filters, the date drill-down, the pagination and the bulk actions
with Django's select-all; we replace only how its rows look (the template
admin/comments/comment/change_list.html) and add, per row, the decisions as
buttons. Those buttons sit in the changelist's one form and send it to their
own address (``formaction``), so a row's decision needs no nested form and
no JavaScript; each row carries the state token of what the moderator saw
(``seen-<pk>``), and a row that changed since is refused with a message.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from dossiers.models import DossierVersion

from .. import incorporation, services
from ..forms import AnswerForm
from ..models import Comment, CommentStatus, WriterHistory, awaiting_moderation_q
from .decisions import DECISIONS, can_answer, decide, decisions_for

# The tabs above the list, in WordPress's order: what waits first. The first
# is the one rule of what awaits a moderator (``awaiting_moderation``: new
# reactions and writers' changes to published ones), as the dashboard and
# the mails count it; the others are statuses.
AWAITING_TAB = ("wijziging", "wacht")
TAB_ORDER = [
    CommentStatus.APPROVED,
    CommentStatus.SPAM,
    CommentStatus.REJECTED,
]


def history_text(history: WriterHistory | None) -> str:
    if history is None:
        return _("first reaction")
    text = _("%(approved)d approved, %(rejected)d rejected, %(spam)d spam") % {
        "approved": history.approved,
        "rejected": history.rejected,
        "spam": history.spam,
    }
    return f"{text} · {_('trusted writer')}" if history.trusted else text


class ModerationQueue(ChangeList):
    """The changelist, with what every row shows fetched for the whole page
    at once: the writers' histories (one query), the versions a reaction on
    a dossier can be marked as taken into (one query), and what the
    moderator may do with each row."""

    def get_results(self, request):
        super().get_results(request)
        rows = self.result_list
        histories = Comment.objects.writer_histories(c.email_hash for c in rows)
        versions: dict[int, list[int]] = {}
        dossier_ids = {c.dossier_id for c in rows if c.dossier_id}
        if dossier_ids:
            for dossier_id, number in (
                DossierVersion.objects.visible()
                .filter(dossier__in=dossier_ids)
                .order_by("-number")
                .values_list("dossier_id", "number")
            ):
                versions.setdefault(dossier_id, []).append(number)
        # Where the list goes back to after a row's decision: the row after
        # it (the decided one may leave the tab), or the one before.
        pks = [comment.pk for comment in rows]
        for index, comment in enumerate(rows):
            neighbours = pks[index + 1 : index + 2] or pks[max(index - 1, 0) : index]
            comment.next_pk = neighbours[0] if neighbours else ""
            comment.writer_history = histories.get(comment.email_hash)
            comment.history_text = history_text(comment.writer_history)
            comment.can_moderate = self.model_admin.has_change_permission(
                request, comment
            )
            comment.seen = services.state_token(comment)
            comment.decisions = decisions_for(comment)
            comment.can_answer = can_answer(comment)
            comment.versions_offered = (
                [
                    number
                    for number in versions.get(comment.dossier_id, [])
                    if number >= (comment.version_number or 0)
                ]
                if comment.status == CommentStatus.APPROVED
                and comment.incorporated_in is None
                else []
            )


def status_tabs(request) -> list[dict]:
    """Alle / Wacht op moderatie / Goedgekeurd / Spam / Afgewezen, each with
    its count (one query) and whether it is the one shown."""
    counts = Comment.objects.order_by().aggregate(
        all=Count("pk"),
        awaiting=Count("pk", filter=awaiting_moderation_q()),
        **{status.value: Count("pk", filter=Q(status=status)) for status in TAB_ORDER},
    )
    status = request.GET.get("status__exact", "")
    awaiting = request.GET.get(AWAITING_TAB[0]) == AWAITING_TAB[1]
    url = reverse("admin:comments_comment_changelist")
    tabs = [
        {
            "label": gettext_lazy("All"),
            "count": counts["all"],
            "url": url,
            "current": not status and not awaiting,
        },
        {
            "label": CommentStatus.PENDING.label,
            "count": counts["awaiting"],
            "url": f"{url}?{AWAITING_TAB[0]}={AWAITING_TAB[1]}",
            "current": awaiting and not status,
        },
    ]
    for tab_status in TAB_ORDER:
        tabs.append(
            {
                "label": tab_status.label,
                "count": counts[tab_status.value],
                "url": f"{url}?status__exact={tab_status.value}",
                "current": status == tab_status.value and not awaiting,
                "status": tab_status.value,
            }
        )
    return tabs


def bulk(service, done_message):
    """An admin action that runs ``service`` on each selected reaction;
    ``done_message`` is plural-aware (``ngettext_lazy`` with ``"count"``)."""

    def action(modeladmin, request, queryset):
        # Counted once, before the change: the list may be filtered on the
        # very status the action changes (the "awaiting moderation" tab).
        selected = list(queryset.order_by("pk"))
        changed = stale = 0
        for comment in selected:
            # A row shown on the list carries what the moderator saw
            # (``seen-<pk>``); one that changed since is left as it is, as
            # for a row's own button. Rows chosen with "select all" beyond
            # the page were not shown, and carry nothing to compare.
            seen = request.POST.get(f"seen-{comment.pk}")
            try:
                with transaction.atomic():
                    if seen is not None:
                        comment = services.lock_as_seen(comment=comment, seen=seen)
                    changed += bool(service(comment=comment, moderator=request.user))
            except services.StaleReaction:
                stale += 1
        skipped = len(selected) - changed - stale
        if stale:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d reaction changed after the list was shown and "
                    "was left as it is: look at it again.",
                    "%(count)d reactions changed after the list was shown and "
                    "were left as they are: look at them again.",
                    stale,
                )
                % {"count": stale},
                messages.ERROR,
            )
        if changed:
            modeladmin.message_user(
                request, done_message % {"count": changed}, messages.SUCCESS
            )
        if skipped:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d reaction did not have a status this action applies to.",
                    "%(count)d reactions did not have a status this action applies to.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    return action


BULK_ACTIONS = {
    "approve": (
        gettext_lazy("Approve selected reactions"),
        bulk(
            services.approve,
            ngettext_lazy(
                "%(count)d reaction approved.", "%(count)d reactions approved.", "count"
            ),
        ),
    ),
    "reject": (
        gettext_lazy("Reject selected reactions"),
        bulk(
            services.reject,
            ngettext_lazy(
                "%(count)d reaction rejected.", "%(count)d reactions rejected.", "count"
            ),
        ),
    ),
    "mark_spam": (
        gettext_lazy("Mark selected reactions as spam"),
        bulk(
            services.mark_spam,
            ngettext_lazy(
                "%(count)d reaction marked as spam.",
                "%(count)d reactions marked as spam.",
                "count",
            ),
        ),
    ),
    "withdraw": (
        gettext_lazy("Withdraw selected published reactions"),
        bulk(
            services.withdraw,
            ngettext_lazy(
                "%(count)d reaction withdrawn.",
                "%(count)d reactions withdrawn.",
                "count",
            ),
        ),
    ),
    "relevant_for_review": (
        gettext_lazy("Relevant for the next revision (review packet)"),
        bulk(
            incorporation.mark_relevant,
            ngettext_lazy(
                "%(count)d reaction put in the review packet.",
                "%(count)d reactions put in the review packet.",
                "count",
            ),
        ),
    ),
}


class RowAction:
    """One row's button on the moderation list (POST only): checks the
    moderator's right to change this reaction, locks its row, refuses it
    when it is no longer as the list showed it (``seen-<pk>``), acts, and
    goes back to the list where it was. Subclasses implement ``act``."""

    def __init__(self, model_admin):
        self.model_admin = model_admin

    def __call__(self, request, object_id, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = self.model_admin.get_object(request, object_id)
        if comment is None:
            raise Http404
        if not self.model_admin.has_change_permission(request, comment):
            raise PermissionDenied
        seen = request.POST.get(f"seen-{comment.pk}", "")
        try:
            with transaction.atomic():
                locked = services.lock_as_seen(comment=comment, seen=seen)
                response = self.act(request, locked, **kwargs)
        except services.StaleReaction as stale:
            response = self.refused(request, comment, stale)
        except ValidationError as error:
            response = self.refused(request, comment, error)
        return response or self.back(request)

    def act(self, request, comment, **kwargs):
        raise NotImplementedError

    def refused(self, request, comment, error):
        for message in error.messages:
            self.model_admin.message_user(request, message, messages.ERROR)

    def say(self, request, comment, message, level=messages.SUCCESS):
        self.model_admin.message_user(
            request,
            format_html("{} <bdi>({})</bdi>", message, comment.name),
            level,
        )

    def back(self, request):
        """To the list as the moderator left it, at the row after this one
        (``then``, sent by the button)."""
        changelist = reverse("admin:comments_comment_changelist")
        target = request.POST.get("next", "")
        if not (
            url_has_allowed_host_and_scheme(target, allowed_hosts=None)
            and urlsplit(target).path == changelist
        ):
            target = changelist
        then = request.POST.get("then", "")
        if then.isdigit():
            target = f"{target}#reactie-{then}"
        return HttpResponseRedirect(target)


class DecisionRow(RowAction):
    """Goedkeuren, Afwijzen, Offline halen, Spam, a writer's change."""

    def act(self, request, comment, *, decision):
        chosen = DECISIONS.get(decision)
        if chosen is None:
            raise Http404
        if decide(chosen, comment=comment, moderator=request.user):
            self.say(request, comment, chosen.done)
        else:
            self.say(
                request,
                comment,
                _("This reaction did not have a status this applies to."),
                messages.WARNING,
            )


class AnswerRow(RowAction):
    """Beantwoorden: the editorial team's answer typed in the row. When it
    cannot be published (no display name yet, the reaction changed), the
    answer page opens with the typed text kept and the reason."""

    def act(self, request, comment):
        form = AnswerForm({"text": request.POST.get(f"answer-{comment.pk}", "")})
        if not form.is_valid():
            return self.model_admin.answer_page(request, comment, form)
        reply = services.answer(
            comment=comment, editor=request.user, text=form.cleaned_data["text"]
        )
        self.model_admin.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Your answer is on the site."),
                reply.get_absolute_url(),
                _("See it in the thread"),
            ),
            messages.SUCCESS,
        )

    def refused(self, request, comment, error):
        form = AnswerForm({"text": request.POST.get(f"answer-{comment.pk}", "")})
        form.is_valid()
        form.add_error(None, error)
        comment.refresh_from_db()
        return self.model_admin.answer_page(request, comment, form)


class IncorporateRow(RowAction):
    """ "Verwerkt in versie n" (issue 28): through incorporation's own rule,
    which also mails a writer who asked for it, once."""

    def act(self, request, comment):
        number = request.POST.get(f"version-{comment.pk}", "")
        version = (
            DossierVersion.objects.visible()
            .filter(dossier=comment.dossier_id, number=int(number))
            .first()
            if number.isdigit()
            else None
        )
        if version is None or not incorporation.mark_incorporated(
            version, reactions=[comment.pk]
        ):
            self.say(
                request,
                comment,
                _(
                    "Only a published reaction on a dossier can be taken into "
                    "one of its versions."
                ),
                messages.WARNING,
            )
            return
        self.say(
            request,
            comment,
            _("Marked as taken into version %(number)d.") % {"number": version.number},
        )
