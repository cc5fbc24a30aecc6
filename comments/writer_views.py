"""Pages behind the signed links in mails to a reaction's writer.

GET only shows what the link will do and a button; the POST does it. Mail
scanners that open links therefore change nothing. The signed token is what
authorises the change, so no CSRF token is needed.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import signed_links, writer
from .forms import EditForm
from .models import CommentStatus

INVALID = "comments/writer_link_invalid.html"


def invalid(request, reason: str = "broken"):
    """Tampered, expired or used up: say so, change nothing."""
    return render(request, INVALID, {"reason": reason}, status=400)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    comment = signed_links.comment_for(token, signed_links.CONFIRM)
    if comment is None:
        return invalid(request)
    if comment.notify_confirmed_at is not None:
        return invalid(request, "used")
    if not comment.notify_replies:
        return invalid(request, "unsubscribed")
    if request.method == "POST":
        outcome = writer.confirm_subscription(comment=comment)
        if outcome is not writer.Outcome.DONE:
            return invalid(request, outcome.value)
    return render(
        request,
        "comments/confirm.html",
        {
            "comment": comment,
            "item": comment.item,
            "done": request.method == "POST",
            "token": token,
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, token: str):
    """Asks first (a button), then takes the reaction off the site."""
    comment = signed_links.comment_for(token, signed_links.WITHDRAW)
    if comment is None:
        return invalid(request)
    if not writer.can_withdraw(comment):
        return invalid(request, "used")
    pending = comment.status == CommentStatus.PENDING
    if (
        request.method == "POST"
        and writer.withdraw_own(comment=comment) is not writer.Outcome.DONE
    ):
        return invalid(request, "used")
    return render(
        request,
        "comments/withdraw.html",
        {
            "comment": comment,
            "item": comment.item,
            "done": request.method == "POST",
            "pending": pending,
            "has_replies": comment.replies.approved().exists(),
            "token": token,
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, token: str):
    """The writer's text in a form; a rule broken shows it again, kept."""
    comment = signed_links.comment_for(token, signed_links.EDIT)
    if comment is None:
        return invalid(request)
    if writer.edit_closed(comment):
        return invalid(request, "closed")
    status = 200
    done = False
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            outcome = writer.edit_own(comment=comment, text=form.cleaned_data["text"])
            if outcome is not writer.Outcome.DONE:
                return invalid(request, "closed")
            done = True
        else:
            status = 400
    else:
        form = EditForm(initial={"text": comment.pending_text or comment.text})
    return render(
        request,
        "comments/edit.html",
        {
            "comment": comment,
            "item": comment.item,
            "form": form,
            "done": done,
            "token": token,
        },
        status=status,
    )
