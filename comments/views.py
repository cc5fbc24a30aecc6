"""Posting a reaction: the reaction page, the form fragment and the thank-you.

Item pages (articles, dossiers) stay cacheable: they carry no form, question
or CSRF token, only links to the reaction page below. A small script
(static/js/reactions.js) fetches the form fragment from ``form`` when a
visitor sets out to react and shows it in place; without JavaScript the link
leads to the full reaction page. Both endpoints issue a fresh question and a
CSRF token, and are never cached.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from articles.views import ArticleDetailView
from core.clients import client_address
from core.editors import is_editor
from core.kinds import ItemKind
from dossiers.views import DossierDetailView

from . import notifications, services, signed_links, thread
from .captcha import question_to_show
from .forms import ReactionForm
from .models import (
    Comment,
    CommentStatus,
    item_field,
    item_model,
    reply_url,
)
from .spam import QuestionLimitReached, RateLimited

ITEM_PAGES = {
    ItemKind.ARTICLE: ArticleDetailView.as_view(),
    ItemKind.DOSSIER: DossierDetailView.as_view(),
}

MAX_ID = 2**63 - 1  # beyond bigint: no such row, and PostgreSQL would object


def get_item_or_404(kind: str, pk: int):
    """A published item whose reactions are not hidden, else 404."""
    model = item_model(kind)
    if model is None or pk > MAX_ID:
        raise Http404
    item = model.objects.filter(pk=pk).first()
    if item is None or not item.takes_reactions:
        raise Http404
    return item


def get_parent_or_404(request, item) -> Comment | None:
    raw = request.GET.get("op", "")
    if not raw:
        return None
    parent = Comment.objects.parent_for(item, raw)
    if parent is None:
        raise Http404
    return parent


def render_form(request, *, item, form, parent, template, status=200):
    question = question_refused = None
    if not form.staff:
        try:
            question = question_to_show(
                hashkey=str(form.data.get("question_key", "")),
                client_address=client_address(request),
            )
        except QuestionLimitReached as refusal:
            question_refused, status = refusal.message, 429
    return render(
        request,
        template,
        {
            "item": item,
            "kind": item_field(item),
            "form": form,
            "parent": parent,
            "question": question,
            "question_refused": question_refused,
            "action": reply_url(item),
        },
        status=status,
    )


def closed_response(request, item):
    # Reactions closed while the visitor was writing: give the text back.
    text = request.POST.get("text", "") if request.method == "POST" else ""
    return render(
        request, "comments/closed.html", {"item": item, "text": text}, status=403
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reply(request, kind: str, pk: int):
    """The reaction page: GET shows the form, POST posts (PRG on success)."""
    item = get_item_or_404(kind, pk)
    if not item.reactions_open:
        return closed_response(request, item)
    staff = is_editor(request.user)
    if request.method != "POST":
        parent = get_parent_or_404(request, item)
        form = ReactionForm(
            initial={
                "op": parent.pk if parent else None,
                "section": request.GET.get("paragraaf", ""),
            },
            item=item,
            staff=staff,
        )
        return render_form(
            request, item=item, form=form, parent=parent, template="comments/reply.html"
        )
    form = ReactionForm(request.POST, item=item, staff=staff)
    status = 400
    if form.is_valid() and form.answer_question():
        try:
            comment = services.comment_submit(
                item=item,
                text=form.cleaned_data["text"],
                name=form.cleaned_data.get("name", ""),
                email=form.cleaned_data.get("email", ""),
                parent=form.parent,
                user=request.user if staff else None,
                client_address=client_address(request),
                notify_replies=form.cleaned_data.get("notify_replies", False),
                section=form.cleaned_data.get("section", ""),
            )
        except ValidationError as error:
            # Raced with a moderator or a closing item: tell, keep the text.
            form.add_error(None, error)
        except RateLimited as refusal:
            form.add_error(None, refusal.message)
            status = 429
        else:
            if comment.is_staff_reply:
                return redirect(thread.locate(comment))
            return redirect(received_url(comment, kind=kind, pk=pk))
    return render_form(
        request,
        item=item,
        form=form,
        parent=form.parent,
        template="comments/reply.html",
        status=status,
    )


@never_cache
@require_safe
def form_fragment(request, kind: str, pk: int):
    """Just the form, for the script on the item page to show in place."""
    item = get_item_or_404(kind, pk)
    if not item.reactions_open:
        return closed_response(request, item)
    parent = get_parent_or_404(request, item)
    form = ReactionForm(
        initial={
            "op": parent.pk if parent else None,
            "section": request.GET.get("paragraaf", ""),
        },
        item=item,
        staff=is_editor(request.user),
    )
    return render_form(
        request,
        item=item,
        form=form,
        parent=parent,
        template="comments/_form.html",
    )


@require_safe
def permalink(request, pk: int):
    """``/reacties/<id>/``: the short address of a reaction, for mails and the
    admin. Redirects to the page of the thread that holds it, at its anchor
    (highlighted there by CSS ``:target``). A reaction that is not shown
    (withdrawn, rejected, or not approved yet): the item's page with a note
    saying so. No such reaction, or its item is not public: 404.
    """
    comment = (
        Comment.objects.select_related("article", "dossier").filter(pk=pk).first()
        if pk <= MAX_ID
        else None
    )
    item = comment.item if comment else None
    if item is None or not item.takes_reactions:
        raise Http404
    if comment.status == CommentStatus.APPROVED:
        return redirect(thread.locate(comment))
    request.reaction_not_shown = True  # read by {% reaction_notice %}
    return ITEM_PAGES[comment.kind](request, slug=item.slug)


def received_url(comment: Comment, *, kind: str, pk: int) -> str:
    """Where the writer lands after posting: the thank-you page, carrying
    the reaction's signed edit key when it has an address (so the writer can
    still change or withdraw it before it is approved), and whether a
    confirmation mail comes."""
    query = {}
    if comment.email:
        query["sleutel"] = signed_links.make_token(comment, signed_links.EDIT)
    if comment.notify_replies and comment.notify_confirmed_at is None:
        query["bevestigen"] = "1"  # say a confirmation mail comes
    url = reverse("comments:received", kwargs={"kind": kind, "pk": pk})
    return f"{url}?{urlencode(query)}" if query else url


@never_cache  # it may carry the writer's own links: never in a shared cache
@require_safe
def received(request, kind: str, pk: int):
    """Thank-you page after posting (the R in post/redirect/get). With a
    valid key for a reaction on this item that the writer may still change,
    it offers the signed links to edit and withdraw it."""
    item = get_item_or_404(kind, pk)
    comment = signed_links.comment_for(
        request.GET.get("sleutel", ""), signed_links.EDIT
    )
    links = None
    if (
        comment is not None
        and comment.item == item
        and not services.edit_closed(comment)
    ):
        links = {
            "edit": signed_links.path(comment, signed_links.EDIT),
            "withdraw": signed_links.path(comment, signed_links.WITHDRAW),
            "days": settings.COMMENTS_WRITER_LINK_DAYS,
        }
    return render(
        request,
        "comments/received.html",
        {
            "item": item,
            "comment": comment if links else None,
            "links": links,
            "subscribed": request.GET.get("bevestigen") == "1",
        },
    )


# The signed token is what authorises the change, so no CSRF token is needed
# (and mail programs' RFC 8058 one-click POST carries none). GET only shows a
# button: link scanners that prefetch mail links change nothing.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    comment = notifications.comment_for_token(token)
    if comment is None:
        return render(request, "comments/unsubscribe_invalid.html", status=400)
    done = False
    if request.method == "POST":
        services.unsubscribe(comment=comment)
        done = True
    return render(
        request,
        "comments/unsubscribe.html",
        {"comment": comment, "item": comment.item, "done": done, "token": token},
    )
