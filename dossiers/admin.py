from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminBase,
    SortableInlineAdminMixin,
    SortableStackedInline,
)
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.images import store_image_sizes
from core.publishing_admin import PublicationStateFilter, PublishableAdmin
from core.purging_admin import PurgingAdmin

from . import admin_views, services
from .admin_forms import REVIEW, DossierAdminForm
from .comparisons import sections_between
from .diff import ComparisonTooSlow
from .models import (
    Dossier,
    DossierAuthor,
    DossierContact,
    DossierReview,
    DossierVersion,
    EffectiveElement,
    GoodExample,
    Reference,
    ReviewDigestMail,
    Theme,
    VersionPdfFailure,
)
from .review_digest import digest_mails
from .sections import TEXT_FIELDS

TOO_SLOW = _(
    "Comparing these versions took too long and was stopped. Please try again "
    "in a minute."
)


@admin.register(Theme)
class ThemeAdmin(PurgingAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


class TypedOrderFormSet(CustomInlineFormSet):
    """django-admin-sortable2's formset, with the position left a number
    field instead of the hidden input it makes of it: without JavaScript (or
    from the keyboard) an editor still types the order; dragging writes the
    same field (its script fills every ``input._reorder_``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.form.base_fields.get(self.default_order_field)
        if field is not None:
            field.widget = forms.NumberInput(
                attrs={"class": "_reorder_ vIntegerField", "min": 0}
            )


class SortableInlinesAdmin(SortableAdminBase):
    """What django-admin-sortable2 adds to the dossier's page: its script
    and style for the inlines. Not its copy of Django's actions.js, which
    it swaps in for sortable change lists and has no copy of for Django 6.1
    (our change lists are not sortable)."""

    @property
    def media(self):
        return super(SortableAdminBase, self).media + forms.Media(
            css={"all": ["adminsortable2/css/sortable.css"]},
            js=["adminsortable2/js/adminsortable2.min.js"],
        )


class OrderedInline(SortableStackedInline):
    """Rows of a dossier, ordered by dragging (django-admin-sortable2) or by
    typing their position."""

    formset = TypedOrderFormSet
    # The library ships templates up to Django 6.0; 6.1's stacked inline
    # template is the same (diffed when adding the library).
    template = "adminsortable2/edit_inline/stacked-django-6.0.html"
    extra = 0
    classes = ["collapse"]

    def get_fields(self, request, obj=None):
        # Every inline names its position, sometimes beside another field
        # (("position", "kind")); the library looks only at the top level
        # and would add it a second time (two inputs with one id).
        return super(SortableInlineAdminMixin, self).get_fields(request, obj)


class DossierAuthorInline(OrderedInline):
    """Stacked, not tabular: every field gets its own label."""

    model = DossierAuthor
    classes = []
    fields = [("author", "position")]
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
    # A plain table: "versie 3, 4 september 2023 11:00" instead of the
    # stock inline's "v3 Weergeven op website" line above each row.
    template = "admin/dossiers/dossier/versions_inline.html"
    fields = ["number", "published_at", "editor", "note", "links"]
    readonly_fields = fields
    ordering = ["-number"]
    verbose_name_plural = _("published versions")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("editor", "dossier")
            .defer("content", "search_document", "dossier__search_document")
            .annotate(
                kept_text=ExpressionWrapper(
                    Q(content__isnull=False), output_field=BooleanField()
                )
            )
            .with_comparable()
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
        if version.comparable:  # never a comparison that cannot be shown
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


class ReviewRoundFilter(admin.SimpleListFilter):
    """Where the draft's review stands (its newest step)."""

    title = _("review of the draft")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return REVIEW_LABELS

    def queryset(self, request, queryset):
        if self.value() in dict(REVIEW_LABELS):
            return queryset.filter(review_step=self.value())
        return queryset


@admin.register(Dossier)
class DossierAdmin(SortableInlinesAdmin, PublishableAdmin):
    form = DossierAdminForm

    class Media:
        js = ["js/admin-desk.js"]

    list_display = [
        "title",
        "state",
        "draft",
        "published_at",
        "review_due",
        "last_reviewed_on",
    ]
    list_filter = [
        PublicationStateFilter,
        ReviewRoundFilter,
        ReviewFilter,
        "status",
        "themes",
    ]
    readonly_fields = ["status", "published_at", "last_reviewed_on", "review_packet"]
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
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Review"),
            {
                "fields": [
                    "currency",
                    "currency_reason",
                    "review_by",
                    "last_reviewed_on",
                    "review_packet",
                ]
            },
        ),
        (
            _("Sections"),
            {
                "description": _(
                    "Readers see the sections in this order; empty sections "
                    "are left out. Effective elements, good examples and "
                    "literature follow below."
                ),
                "fields": list(TEXT_FIELDS),
            },
        ),
        (
            _("Publication"),
            {
                "description": _(
                    "“Save as draft” keeps your changes from readers: they keep "
                    "seeing the published version. “Publish” makes the draft "
                    "the next version, now or at the moment you choose."
                ),
                # "What changed" and "publish at" sit beside the Publish
                # button (admin/dossiers/dossier/submit_line.html); what readers
                # and followers are told about the version, above it.
                "fields": [
                    "status",
                    "published_at",
                    "reactions",
                    "whats_new",
                    "substantive",
                    "conclusions_changed",
                    "incorporated_reactions",
                    "draft_token",
                ],
            },
        ),
    ]

    @admin.display(description=_("review packet"))
    def review_packet(self, obj):
        """What readers said since the latest version (feedback app)."""
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("feedback:review_packet", args=[obj.slug]),
            _("Reactions, reported studies, feedback and broken links"),
        )

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
            path(
                "<int:pk>/review/",
                wrap(lambda request, pk: admin_views.review(self, request, pk)),
                name=f"{name}_review",
            ),
            path(
                "<int:pk>/voorbeeldlinks/",
                wrap(lambda request, pk: admin_views.preview_links(self, request, pk)),
                name=f"{name}_preview_links",
            ),
            path(
                "<int:pk>/voorbeeldlinks/<int:link_pk>/intrekken/",
                wrap(admin_views.revoke_preview_link),
                name=f"{name}_revoke_preview_link",
            ),
            *super().get_urls(),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "image" in form.changed_data:
            store_image_sizes(item=form.instance)
        dossier = services.note_draft_saved(dossier=form.instance)
        if form.publishing:
            self._publish(request, form)
        elif REVIEW in request.POST:
            self._submit_for_review(request, dossier)
        else:
            self._saved_as_draft(request, dossier)

    def _saved_as_draft(self, request, dossier):
        latest = dossier.versions.aggregate(number=Max("number"))["number"]
        if latest is None:
            message = _(
                "The dossier “%(title)s” is saved as a draft. Readers cannot "
                "see it until you publish it."
            )
        elif dossier.draft_differs:
            message = _(
                "The dossier “%(title)s” is saved as a draft. Readers keep "
                "seeing version %(number)s until you publish."
            )
        else:
            message = _(
                "The dossier “%(title)s” is saved. The draft is the same as "
                "version %(number)s, which readers see."
            )
        messages.success(request, message % {"title": dossier.title, "number": latest})

    def _submit_for_review(self, request, dossier):
        try:
            services.submit_for_review(dossier=dossier, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.warning(request, message)
            return
        messages.success(
            request,
            _(
                "The dossier “%(title)s” is saved and sent for review. A "
                "reviewer approves it or sends it back with a remark."
            )
            % {"title": dossier.title},
        )

    def _publish(self, request, form):
        try:
            version = services.publish_dossier(
                dossier=form.instance,
                editor=request.user,
                note=form.cleaned_data.get("version_note", ""),
                at=form.cleaned_data.get("publish_at"),
                whats_new=form.cleaned_data.get("whats_new", ""),
                substantive=form.cleaned_data.get("substantive", False),
                conclusions_changed=form.cleaned_data.get("conclusions_changed", False),
                reactions=[
                    reaction.pk
                    for reaction in form.cleaned_data.get("incorporated_reactions", [])
                ],
                approval_required=settings.DOSSIER_PUBLISH_NEEDS_APPROVAL,
            )
        except ValidationError as error:
            messages.warning(
                request,
                _("The dossier “%(title)s” is saved as a draft, not published.")
                % {"title": form.instance.title},
            )
            for message in error.messages:
                messages.error(request, message)
            return
        messages.success(
            request,
            _("Version %(number)s is published (readers see it from %(moment)s).")
            % {
                "number": version.number,
                "moment": date_format(
                    timezone.localtime(version.published_at), "j F Y, H:i"
                ),
            },
        )

    def response_change(self, request, obj):
        # Every button keeps the editor on the dossier; save_related said
        # what happened, in Dutch that fits a dossier ("Het dossier …").
        return redirect(reverse("admin:dossiers_dossier_change", args=[obj.pk]))

    def response_add(self, request, obj, post_url_continue=None):
        return redirect(reverse("admin:dossiers_dossier_change", args=[obj.pk]))

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context["error_links"] = error_links(
            context["adminform"].form, context["inline_admin_formsets"]
        )
        if obj is not None:
            context.update(
                latest_number=obj.versions.aggregate(number=Max("number"))["number"],
                review_steps=list(obj.review_steps.select_related("user")[:10]),
                preview_link_count=obj.preview_links.usable().count(),
            )
            steps = context["review_steps"]
            context["review_state"] = steps[0] if steps else None
        context["needs_approval"] = settings.DOSSIER_PUBLISH_NEEDS_APPROVAL
        context["can_review"] = request.user.has_perm("dossiers.review_dossier")
        return super().render_change_form(request, context, add, change, form_url, obj)

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
        latest_step = DossierReview.objects.filter(dossier=OuterRef("pk")).order_by(
            "-at", "-pk"
        )
        return (
            super()
            .get_queryset(request)
            .with_review_due()
            .annotate(
                latest_number=Max("versions__number"),
                review_step=Subquery(latest_step.values("step")[:1]),
            )
        )

    @admin.display(description=_("draft"))
    def draft(self, obj):
        """ "concept wijkt af van versie n" and where its review stands."""
        parts = []
        if obj.latest_number and obj.draft_differs:
            parts.append(
                format_html(
                    '<span class="draft-badge">{}</span>',
                    _("draft differs from version %(number)s")
                    % {"number": obj.latest_number},
                )
            )
        if obj.review_step in {"submitted", "approved", "sent_back"}:
            label = dict(REVIEW_LABELS)[obj.review_step]
            parts.append(
                format_html(
                    '<span class="review-badge review-badge--{}">{}</span>',
                    obj.review_step,
                    label,
                )
            )
        if not parts:
            return "\N{EN DASH}"
        return format_html(" ".join(["{}"] * len(parts)), *parts)

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


REVIEW_LABELS = [
    ("submitted", _("waiting for review")),
    ("approved", _("approved")),
    ("sent_back", _("sent back")),
]


def error_links(form, inline_admin_formsets) -> list[tuple[str, str, str]]:
    """Every error of the form and its inlines as (field id, label, message),
    for the summary at the top whose links jump to the field (GOV.UK's error
    summary)."""
    found = []
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        label = form[name].label if name in form.fields else name
        found += [(form[name].auto_id, label, error) for error in errors]
    for inline in inline_admin_formsets:
        formset = inline.formset
        heading = str(formset.model._meta.verbose_name).capitalize()
        for index, row in enumerate(formset.forms, start=1):
            for name, errors in row.errors.items():
                if name == "__all__" or name not in row.fields:
                    target, label = f"{formset.prefix}-{index - 1}", heading
                else:
                    target = row[name].auto_id
                    label = f"{heading} {index}, {row[name].label}"
                found += [(target, label, error) for error in errors]
    return found


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


@admin.register(VersionPdfFailure)
class VersionPdfFailureAdmin(admin.ModelAdmin):
    """PDFs that could not be made (dossiers/pdf.py): readers get a Dutch 503
    for an hour after a failure. Deleting a row lets the next request try
    again at once (after fixing the cause, e.g. a text nested too deep)."""

    list_display = ["version", "dossier", "failed_at", "error"]
    list_select_related = ["version__dossier"]
    readonly_fields = fields = ["version", "layout", "failed_at", "error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("dossier"))
    def dossier(self, obj):
        return obj.version.dossier
