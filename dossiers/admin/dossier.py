"""A dossier's admin: the list, the editing page with its publishing bar,
review and versions, and the pages behind its buttons (admin_views)."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import (
    Max,
    OuterRef,
    Subquery,
)
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.images import store_image_sizes
from core.images_admin import IllustratedAdmin
from core.publishing_admin import PublicationStateFilter, PublishableAdmin

from .. import admin_views, services
from ..admin_forms import REVIEW, DossierAdminForm
from ..models import (
    Dossier,
    DossierReview,
)
from ..sections import TEXT_FIELDS
from .filters import REVIEW_LABELS, ReviewFilter, ReviewRoundFilter
from .inlines import (
    DossierAuthorInline,
    DossierContactInline,
    DossierVersionInline,
    EffectiveElementInline,
    GoodExampleInline,
    ReferenceInline,
    SortableInlinesAdmin,
)


@admin.register(Dossier)
class DossierAdmin(IllustratedAdmin, SortableInlinesAdmin, PublishableAdmin):
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
                wrap(
                    lambda request, pk, number: admin_views.revert(
                        self, request, pk, number
                    )
                ),
                name=f"{name}_revert",
            ),
            path(
                "<int:pk>/concept-weggooien/",
                wrap(lambda request, pk: admin_views.discard(self, request, pk)),
                name=f"{name}_discard",
            ),
            path(
                "<int:pk>/verschil/",
                wrap(lambda request, pk: admin_views.diff(self, request, pk)),
                name=f"{name}_diff",
            ),
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
