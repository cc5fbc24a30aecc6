from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.publishing_admin import PublicationStateFilter, PublishableAdmin
from core.purging_admin import PurgingAdmin

from . import services
from .admin_forms import PUBLISH, DossierAdminForm
from .comparisons import sections_between
from .diff import ComparisonTooSlow
from .models import (
    Dossier,
    DossierAuthor,
    DossierContact,
    DossierVersion,
    EffectiveElement,
    GoodExample,
    Reference,
    ReviewDigestMail,
    Theme,
)
from .review_digest import digest_mails

TOO_SLOW = _(
    "Comparing these versions took too long and was stopped. Please try again "
    "in a minute."
)


@admin.register(Theme)
class ThemeAdmin(PurgingAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


class OrderedInline(admin.StackedInline):
    """Rows of a dossier; the position field sets their order."""

    extra = 0
    classes = ["collapse"]


class DossierAuthorInline(admin.TabularInline):
    model = DossierAuthor
    extra = 0
    fields = ["position", "author"]
    autocomplete_fields = ["author"]


class DossierContactInline(DossierAuthorInline):
    model = DossierContact


class EffectiveElementInline(OrderedInline):
    model = EffectiveElement
    fields = ["position", "title", "presumed", "explanation"]


class GoodExampleInline(OrderedInline):
    model = GoodExample
    fields = ["position", "name", "organisation", "url", "description"]


class ReferenceInline(OrderedInline):
    """Structured fields: the literature list and the downloads are made
    from them (dossiers/citations.py)."""

    model = Reference
    fields = [
        ("position", "kind"),
        "authors",
        ("year", "edition"),
        "title",
        "container_title",
        ("volume", "issue", "pages"),
        "publisher",
        ("url", "doi"),
    ]


class DossierVersionInline(admin.TabularInline):
    """The published versions: read only, with links to read, compare, load."""

    model = DossierVersion
    extra = 0
    can_delete = False
    fields = ["number", "published_at", "editor", "note", "links"]
    readonly_fields = fields
    ordering = ["-number"]
    verbose_name_plural = _("published versions")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("content", "search_document")
            .select_related("editor")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("actions"))
    def links(self, version):
        base = f"admin:{Dossier._meta.app_label}_dossier"
        parts = [
            format_html(
                '<a href="{}">{}</a>',
                reverse(f"{base}_revert", args=[version.dossier_id, version.number]),
                _("Load into draft"),
            )
        ]
        if version.number > 1:
            url = reverse(f"{base}_diff", args=[version.dossier_id])
            parts.append(
                format_html(
                    '<a href="{}?a={}&amp;b={}">{}</a>',
                    url,
                    version.number - 1,
                    version.number,
                    _("Changes"),
                )
            )
        return format_html(" · ".join(["{}"] * len(parts)), *parts)


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


@admin.register(Dossier)
class DossierAdmin(PublishableAdmin):
    form = DossierAdminForm
    list_display = [
        "title",
        "state",
        "published_at",
        "review_due",
        "last_reviewed_on",
    ]
    list_filter = [PublicationStateFilter, ReviewFilter, "status", "themes"]
    readonly_fields = ["status", "published_at", "last_reviewed_on"]
    actions = ["record_review"]
    search_fields = ["title", "summary", "authors__name", "contacts__name"]
    inlines = [
        DossierAuthorInline,
        DossierContactInline,
        EffectiveElementInline,
        GoodExampleInline,
        ReferenceInline,
        DossierVersionInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "themes"]}),
        (_("Review"), {"fields": ["review_by", "last_reviewed_on"]}),
        (
            _("Sections"),
            {
                "description": _(
                    "Readers see the sections in this order; empty sections "
                    "are left out. Effective elements, good examples and "
                    "literature follow below."
                ),
                "fields": [
                    "definition",
                    "facts_and_figures",
                    "policy",
                    "trends",
                    "current_debates",
                    "effective_elements_intro",
                    "promising_approaches",
                ],
            },
        ),
        (
            _("Publication"),
            {
                "description": _(
                    "Saving keeps your changes as a draft: readers keep seeing "
                    "the published version. “Save and publish” makes the draft "
                    "the next version, now or at the moment you choose."
                ),
                "fields": [
                    "status",
                    "published_at",
                    "reactions",
                    "version_note",
                    "publish_at",
                    "draft_token",
                ],
            },
        ),
    ]

    def view_on_site(self, obj):
        # Editors want to see their draft, not what readers see.
        return reverse("dossiers:preview", kwargs={"slug": obj.slug})

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:pk>/versies/<int:number>/laden/",
                wrap(self.revert_view),
                name=f"{name}_revert",
            ),
            path(
                "<int:pk>/concept-weggooien/",
                wrap(self.discard_view),
                name=f"{name}_discard",
            ),
            path("<int:pk>/verschil/", wrap(self.diff_view), name=f"{name}_diff"),
            *super().get_urls(),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.publishing:
            self._publish(request, form)

    def _publish(self, request, form):
        try:
            version = services.publish_dossier(
                dossier=form.instance,
                editor=request.user,
                note=form.cleaned_data.get("version_note", ""),
                at=form.cleaned_data.get("publish_at"),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return
        messages.success(
            request,
            _("Version %(number)s is published (readers see it from %(moment)s).")
            % {
                "number": version.number,
                "moment": version.published_at.strftime("%d-%m-%Y %H:%M"),
            },
        )

    def response_change(self, request, obj):
        if PUBLISH in request.POST:
            return redirect(reverse("admin:dossiers_dossier_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if PUBLISH in request.POST:
            return redirect(reverse("admin:dossiers_dossier_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def _confirm(self, request, dossier, *, title, question, action):
        """A confirmation page whose POST runs ``action``."""
        if not self.has_change_permission(request, dossier):
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
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": dossier,
            "title": title,
            "question": question,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/dossiers/confirm.html", context)

    def revert_view(self, request, pk, number):
        dossier = get_object_or_404(Dossier, pk=pk)
        version = get_object_or_404(DossierVersion, dossier=dossier, number=number)
        return self._confirm(
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

    def discard_view(self, request, pk):
        dossier = get_object_or_404(Dossier, pk=pk)
        return self._confirm(
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

    def diff_view(self, request, pk):
        dossier = get_object_or_404(Dossier, pk=pk)
        if not self.has_view_or_change_permission(request, dossier):
            raise PermissionError
        numbers = list(
            dossier.versions.order_by("number").values_list("number", flat=True)
        )
        a, b = _pair(request.GET, numbers)
        diff = None
        if a and b and a != b:
            try:
                diff = sections_between(dossier, a, b)
            except ComparisonTooSlow:
                self.message_user(request, TOO_SLOW, messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": dossier,
            "title": _("Changes in “%(title)s”") % {"title": dossier.title},
            "numbers": numbers,
            "a": a,
            "b": b,
            "diff": diff,
            "change_url": reverse("admin:dossiers_dossier_change", args=[dossier.pk]),
        }
        return TemplateResponse(request, "admin/dossiers/diff.html", context)

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_due()

    @admin.display(description=_("review by"), ordering="review_due")
    def review_due(self, obj):
        return obj.review_due

    @admin.action(description=_("Checked, no changes"), permissions=["change"])
    def record_review(self, request, queryset):
        for dossier in queryset:
            services.record_review(dossier=dossier)
            self.log_change(request, dossier, _("Checked, no changes"))
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d dossier recorded as checked, with no changes.",
                "%(count)d dossiers recorded as checked, with no changes.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


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


@admin.register(ReviewDigestMail)
class ReviewDigestMailAdmin(admin.ModelAdmin):
    """What the weekly review digest sent (or is retrying): read only. The
    sending state is the digest's outbox row's (one subquery per column,
    on the outbox's kind and object index)."""

    list_display = ["week", "recipient", "sent_at", "attempts", "last_error"]
    list_filter = ["week"]
    search_fields = ["recipient"]
    readonly_fields = fields = [
        "week",
        "recipient",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]

    def get_queryset(self, request):
        mail = digest_mails().filter(object_id=OuterRef("pk")).order_by("-pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                outbox_sent_at=Subquery(mail.values("sent_at")[:1]),
                outbox_attempts=Subquery(mail.values("attempts")[:1]),
                outbox_last_error=Subquery(mail.values("last_error")[:1]),
            )
        )

    @admin.display(description=_("sent"), ordering="outbox_sent_at")
    def sent_at(self, obj):
        return obj.outbox_sent_at

    @admin.display(description=_("attempts"), ordering="outbox_attempts")
    def attempts(self, obj):
        return obj.outbox_attempts

    @admin.display(description=_("last error"))
    def last_error(self, obj):
        return obj.outbox_last_error

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
