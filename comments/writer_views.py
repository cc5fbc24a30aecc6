"""Pages behind the signed links in mails to a reaction's writer.

GET only shows what the link will do and a button; the POST does it. Mail
scanners that open links therefore change nothing. The signed token is what
authorises the change, so no CSRF token is needed.
"""

from functools import wraps

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import clients

from . import services, signed_links, spam
from .forms import EditForm
from .models import CommentStatus

INVALID = "comments/writer_link_invalid.html"


def invalid(request, reason: str = "broken"):
    """Tampered, expired or used up: say so, change nothing."""
    return render(request, INVALID, {"reason": reason}, status=400)


def behind_signed_link(purpose: str):
    """A page behind a signed link for ``purpose``: GET and HEAD show it, POST
    does what it says; a tampered or expired token gets ``invalid``. The view
    is called with the reaction the token names, and the token."""

    def decorator(view):
        @csrf_exempt
        @never_cache
        @require_http_methods(["GET", "HEAD", "POST"])
        @wraps(view)
        def wrapped(request, token: str):
            comment = signed_links.comment_for(token, purpose)
            if comment is None:
                return invalid(request)
            return view(request, comment, token)

        return wrapped

    return decorator


def page(request, template: str, comment, token: str, status=200, **context):
    """A writer's page: the reaction, its item, the token for the form."""
    context.update(comment=comment, item=comment.item, token=token)
    return render(request, template, context, status=status)


@behind_signed_link(signed_links.CONFIRM)
def confirm(request, comment, token: str):
    if comment.notify_confirmed_at is not None:
        return invalid(request, "used")
    if not comment.notify_replies:
        return invalid(request, "unsubscribed")
    if request.method == "POST":
        outcome = services.confirm_subscription(comment=comment)
        if outcome is not services.Outcome.DONE:
            return invalid(request, outcome.value)
    done = request.method == "POST"
    return page(request, "comments/confirm.html", comment, token, done=done)


@behind_signed_link(signed_links.WITHDRAW)
def withdraw(request, comment, token: str):
    """Asks first (a button), then takes the reaction off the site."""
    if not services.can_withdraw(comment):
        return invalid(request, "used")
    pending = comment.status == CommentStatus.PENDING
    if (
        request.method == "POST"
        and services.withdraw_own(comment=comment) is not services.Outcome.DONE
    ):
        return invalid(request, "used")
    return page(
        request,
        "comments/withdraw.html",
        comment,
        token,
        done=request.method == "POST",
        pending=pending,
        has_replies=comment.replies.approved().exists(),
    )


@behind_signed_link(signed_links.EDIT)
def edit(request, comment, token: str):
    """The writer's text in a form; a rule broken shows it again, kept."""
    if services.edit_closed(comment):
        return invalid(request, "closed")
    status = 200
    done = False
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                outcome = services.edit_own(
                    comment=comment,
                    text=form.cleaned_data["text"],
                    client_address=clients.client_address(request),
                )
            except spam.RateLimited as refusal:
                form.add_error("text", refusal.message)
                status = 429
            else:
                if outcome is not services.Outcome.DONE:
                    return invalid(request, "closed")
                done = True
        else:
            status = 400
    else:
        form = EditForm(initial={"text": comment.pending_text or comment.text})
    return page(
        request, "comments/edit.html", comment, token, status, form=form, done=done
    )
