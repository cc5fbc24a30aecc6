"""The feedback forms' own addresses, so the dossier page stays cacheable
and cookie-free.

"Ja / nee" is a small form on the dossier page without a token (the page is
the same for everyone): its only defences are the honeypot and the rate
limit per client, which is all a forged vote could get past anyway. What a
reader writes (a remark, a study) is sent from a page of its own with the
arithmetic question; its single-use key, which only that page shows, does
what a CSRF token would (see follows/views.py), so no cookie is set.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from comments import signed_links
from comments.captcha import question_to_show
from comments.spam import QuestionLimitReached, RateLimited
from core.clients import client_address
from dossiers.models import Dossier

from . import services
from .forms import RemarkForm, StudyForm
from .models import Usefulness

REMARK = "remark"
REMARK_MAX_AGE = 24 * 3600  # the remark form works for a day


def _dossier(slug: str) -> Dossier:
    return get_object_or_404(Dossier.objects.published().links(), slug=slug)


def _with_question(request, template: str, context: dict, status: int = 200):
    try:
        context["question"] = question_to_show(
            hashkey=str(context["form"].data.get("question_key", "")),
            client_address=client_address(request),
        )
    except QuestionLimitReached as refusal:
        context["question_refused"], status = refusal.message, 429
    return render(request, template, context, status=status)


@csrf_exempt
@never_cache
@require_POST
def usefulness(request, slug: str):
    dossier = _dossier(slug)
    answer = request.POST.get("nuttig")
    if answer not in ("ja", "nee") or request.POST.get(
        settings.COMMENTS_HONEYPOT_FIELD
    ):
        return render(
            request, "feedback/refused.html", {"dossier": dossier}, status=400
        )
    try:
        given = services.record_usefulness(
            dossier=dossier,
            useful=answer == "ja",
            client_address=client_address(request),
        )
    except RateLimited as refusal:
        return render(
            request,
            "feedback/refused.html",
            {"dossier": dossier, "message": refusal.message},
            status=429,
        )
    token = signed_links.sign(
        namespace="feedback", action=REMARK, pk=given.pk, email=""
    )
    return redirect(reverse("feedback:thanks", args=[slug, token]))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def thanks(request, slug: str, token: str):
    """Thank you, and an optional remark to go with the answer."""
    dossier = _dossier(slug)
    found = signed_links.unsign(
        token, namespace="feedback", action=REMARK, max_age=REMARK_MAX_AGE
    )
    answer = (
        Usefulness.objects.filter(pk=found[0], dossier=dossier).first()
        if found
        else None
    )
    if answer is None:
        return render(
            request, "feedback/refused.html", {"dossier": dossier}, status=400
        )
    done, status = bool(answer.remark), 200
    form = RemarkForm(request.POST or None)
    if request.method == "POST" and not done:
        if form.is_valid() and form.answer_question():
            services.add_remark(answer=answer, remark=form.cleaned_data["remark"])
            done = True
        else:
            status = 400
    context = {"dossier": dossier, "answer": answer, "form": form, "done": done}
    if done:
        return render(request, "feedback/thanks.html", context)
    return _with_question(request, "feedback/thanks.html", context, status)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest_study(request, slug: str):
    """ "Meld nieuw onderzoek"."""
    dossier = _dossier(slug)
    status = 200
    form = StudyForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and form.answer_question():
            try:
                services.suggest_study(
                    dossier=dossier,
                    reference=form.cleaned_data["reference"],
                    doi=form.cleaned_data["doi"],
                    email=form.cleaned_data["email"],
                    client_address=client_address(request),
                )
            except RateLimited as refusal:
                form.add_error(None, refusal.message)
                status = 429
            else:
                return redirect(reverse("feedback:study_received", args=[slug]))
        else:
            status = 400
    return _with_question(
        request, "feedback/study.html", {"dossier": dossier, "form": form}, status
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def study_received(request, slug: str):
    return render(request, "feedback/study_received.html", {"dossier": _dossier(slug)})
