"""Follow a dossier or a theme, confirm, unsubscribe.

The dossier and theme pages stay cacheable and cookie-free: they link here.
This page issues a fresh arithmetic question and is never cached. Its form
needs no CSRF cookie: the question's key is a single-use secret only this
page shows (a page elsewhere cannot read it), so a forged post fails as a
wrong question does. The pages behind the signed links in the mails show a
button on GET (link scanners change nothing) and act on POST, like the
reply mails' pages; unsubscribing also takes mail programs' RFC 8058
one-click POST.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from comments.captcha import question_to_show
from comments.spam import QuestionLimitReached, RateLimited
from core.clients import client_address
from dossiers.models import Dossier, Theme

from . import notifications, services
from .forms import FollowForm


def _subject(kind: str, slug: str):
    if kind == "dossier":
        return get_object_or_404(Dossier.objects.published(), slug=slug)
    return get_object_or_404(Theme, slug=slug)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request, kind: str, slug: str):
    subject = _subject(kind, slug)
    status = 200
    if request.method == "POST":
        form = FollowForm(request.POST)
        if form.is_valid() and form.answer_question():
            try:
                services.request_follow(
                    email=form.cleaned_data["email"],
                    frequency=form.cleaned_data["frequency"],
                    client_address=client_address(request),
                    **{kind: subject},
                )
            except RateLimited as refusal:
                form.add_error(None, refusal.message)
                status = 429
            else:
                return redirect(reverse(f"follows:requested_{kind}", args=[slug]))
        else:
            status = 400
    else:
        form = FollowForm()
    question = question_refused = None
    try:
        question = question_to_show(
            hashkey=str(form.data.get("question_key", "")),
            client_address=client_address(request),
        )
    except QuestionLimitReached as refusal:
        question_refused, status = refusal.message, 429
    return render(
        request,
        "follows/follow.html",
        {
            "subject": subject,
            "kind": kind,
            "title": getattr(subject, "reader_title", None) or subject.name,
            "form": form,
            "question": question,
            "question_refused": question_refused,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def requested(request, kind: str, slug: str):
    """After the request: check your mail (the same whatever happened, so
    the page tells nobody whether an address already follows)."""
    subject = _subject(kind, slug)
    title = getattr(subject, "reader_title", None) or subject.name
    return render(
        request, "follows/requested.html", {"subject": subject, "title": title}
    )


def _link_page(request, token: str, action: str, template: str, act):
    found = notifications.follow_for(token, action)
    if found is None:
        return render(request, "follows/link_invalid.html", status=400)
    done = False
    if request.method == "POST":
        done = act(follow=found) or action == notifications.UNSUBSCRIBE_ACTION
        if not done:
            return render(request, "follows/link_invalid.html", status=400)
    return render(
        request,
        template,
        {
            "follow": found,
            "title": notifications.subject_title(found),
            "token": token,
            "done": done,
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    return _link_page(
        request,
        token,
        notifications.CONFIRM_ACTION,
        "follows/confirm.html",
        services.confirm,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    return _link_page(
        request,
        token,
        notifications.UNSUBSCRIBE_ACTION,
        "follows/unsubscribe.html",
        services.unsubscribe,
    )
