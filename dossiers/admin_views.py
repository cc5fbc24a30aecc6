"""The dossier admin's own pages for the review round, preview links and
versions (load one into the draft, discard the draft, compare two), one
function per action (Wagtail's admin/views/pages keeps them apart the
same way). Every write goes through dossiers/services.py."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import services
from .comparisons import sections_between
from .diff import ComparisonTooSlow
from .models import Dossier, DossierReview, DossierVersion, PreviewLink
from .preview_links import url_for


class ReviewForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    remark = forms.CharField(
        label=gettext_lazy("Remark"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required when you send the draft back."),
    )


class PreviewLinkForm(forms.Form):
    for_whom = forms.CharField(
        label=gettext_lazy("For whom"),
        max_length=200,
        help_text=gettext_lazy(
            "For example: “Prof. A. de Vries, Universiteit Utrecht”."
        ),
        widget=forms.TextInput(attrs={"size": 50}),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, initial=7
    )


def _change_url(dossier) -> str:
    return reverse("admin:dossiers_dossier_change", args=[dossier.pk])


def _context(model_admin, request, dossier, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": dossier,
        "title": title,
        "change_url": _change_url(dossier),
        **extra,
    }


def review(model_admin, request, pk):
    """A reviewer reads what changed and approves or sends the draft back."""
    dossier = get_object_or_404(Dossier, pk=pk)
    if not request.user.has_perm("dossiers.review_dossier"):
        raise PermissionDenied
    form = ReviewForm(
        request.POST or None,
        initial={"fingerprint": services.draft_fingerprint(dossier)},
    )
    if request.method == "POST" and form.is_valid():
        approve = "_approve" in request.POST
        action = services.approve_draft if approve else services.send_back_draft
        try:
            action(
                dossier=dossier,
                user=request.user,
                fingerprint=form.cleaned_data["fingerprint"],
                remark=form.cleaned_data["remark"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "remark" in error.error_dict:
                form.add_error("remark", error.error_dict["remark"])
            else:
                for message in error.messages:
                    messages.error(request, message)
                return redirect(request.path)
        else:
            messages.success(
                request,
                (
                    _("The draft of the dossier “%(title)s” is approved.")
                    if approve
                    else _(
                        "The draft of the dossier “%(title)s” is sent back to "
                        "the editors with your remark."
                    )
                )
                % {"title": dossier.title},
            )
            return redirect(_change_url(dossier))
    latest = DossierReview.objects.latest_for(dossier)
    context = _context(
        model_admin,
        request,
        dossier,
        _("Review the draft of “%(title)s”") % {"title": dossier.title},
        form=form,
        latest=latest,
        waiting=latest is not None and latest.step == "submitted",
        preview_url=reverse("dossiers:preview", kwargs={"slug": dossier.slug}),
        steps=dossier.review_steps.select_related("user")[:20],
    )
    return TemplateResponse(request, "admin/dossiers/review.html", context)


def preview_links(model_admin, request, pk):
    """Make a preview link for an outside expert; see and revoke the others."""
    dossier = get_object_or_404(Dossier, pk=pk)
    if not request.user.has_perm("dossiers.add_previewlink"):
        raise PermissionDenied
    form = PreviewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = services.make_preview_link(
            dossier=dossier,
            user=request.user,
            for_whom=form.cleaned_data["for_whom"],
            days=form.cleaned_data["days"],
        )
        messages.success(
            request,
            _(
                "The preview link for %(whom)s is made. Copy it from the list "
                "below and send it yourself."
            )
            % {"whom": link.for_whom},
        )
        return redirect(request.path)
    links = [
        (link, request.build_absolute_uri(url_for(link)))
        for link in dossier.preview_links.select_related("made_by")
    ]
    context = _context(
        model_admin,
        request,
        dossier,
        _("Preview links for “%(title)s”") % {"title": dossier.title},
        form=form,
        links=links,
    )
    return TemplateResponse(request, "admin/dossiers/preview_links.html", context)


@require_POST
@staff_member_required
def revoke_preview_link(request, pk, link_pk):
    if not request.user.has_perm("dossiers.change_previewlink"):
        raise PermissionDenied
    link = get_object_or_404(PreviewLink, pk=link_pk, dossier_id=pk)
    services.revoke_preview_link(link=link)
    messages.success(
        request,
        _("The preview link for %(whom)s no longer works.") % {"whom": link.for_whom},
    )
    return redirect(reverse("admin:dossiers_dossier_preview_links", args=[pk]))


# --- Versions: load one into the draft, discard the draft, compare ------------

TOO_SLOW = gettext_lazy(
    "Comparing these versions took too long and was stopped. Please try again "
    "in a minute."
)


def _confirm(model_admin, request, dossier, *, title, question, action):
    """A confirmation page whose POST runs ``action``."""
    if not model_admin.has_change_permission(request, dossier):
        raise PermissionError
    change_url = reverse("admin:dossiers_dossier_change", args=[dossier.pk])
    if request.method == "POST":
        try:
            action()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, title)
        return redirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": dossier,
        "title": title,
        "question": question,
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/dossiers/confirm.html", context)


def revert(model_admin, request, pk, number):
    """Load version ``number`` into the draft, after a confirmation."""
    dossier = get_object_or_404(Dossier, pk=pk)
    version = get_object_or_404(DossierVersion, dossier=dossier, number=number)
    return _confirm(
        model_admin,
        request,
        dossier,
        title=_("Version %(number)s loaded into the draft") % {"number": number},
        question=_(
            "Replace the draft of “%(title)s” with version %(number)s? "
            "Readers see nothing of this until you publish the draft, "
            "which then becomes a new version."
        )
        % {"title": dossier.title, "number": number},
        action=lambda: services.revert_dossier(dossier=dossier, version=version),
    )


def discard(model_admin, request, pk):
    """Throw the draft away, after a confirmation."""
    dossier = get_object_or_404(Dossier, pk=pk)
    return _confirm(
        model_admin,
        request,
        dossier,
        title=_("Draft discarded"),
        question=_(
            "Throw away every unpublished change to “%(title)s”? The draft "
            "becomes the latest published version again."
        )
        % {"title": dossier.title},
        action=lambda: services.discard_draft(dossier=dossier),
    )


def diff(model_admin, request, pk):
    """What changed between two versions (``?a=&b=``, by default the last two)."""
    dossier = get_object_or_404(Dossier, pk=pk)
    if not model_admin.has_view_or_change_permission(request, dossier):
        raise PermissionError
    numbers = list(dossier.versions.order_by("number").values_list("number", flat=True))
    a, b = _pair(request.GET, numbers)
    diff = None
    if a and b and a != b:
        try:
            diff = sections_between(dossier, a, b)
        except ComparisonTooSlow:
            model_admin.message_user(request, TOO_SLOW, messages.ERROR)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": dossier,
        "title": _("Changes in “%(title)s”") % {"title": dossier.title},
        "numbers": numbers,
        "a": a,
        "b": b,
        "diff": diff,
        "change_url": reverse("admin:dossiers_dossier_change", args=[dossier.pk]),
    }
    return TemplateResponse(request, "admin/dossiers/diff.html", context)


def _pair(query, numbers):
    """Versions ``a`` and ``b`` from the query string, defaults: the last two."""
    picked = []
    for key, default in (("a", -2), ("b", -1)):
        value = query.get(key, "")
        if value.isdigit() and int(value) in numbers:
            picked.append(int(value))
        elif len(numbers) >= -default:
            picked.append(numbers[default])
        else:
            picked.append(None)
    return picked
