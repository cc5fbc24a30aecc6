"""The dossier's admin form: publishing fields and the two-editors check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Dossier, DossierVersion

PUBLISH = "_publish"
REVIEW = "_review"


class DossierAdminForm(forms.ModelForm):
    """The draft, plus what publishing it needs.

    ``draft_token`` is the draft's ``updated_at`` when the form was shown.
    If another editor saved in between, the save is refused with the form
    as it was typed (nothing lost); the token is renewed, so saving again
    knowingly replaces the other editor's changes.
    """

    draft_token = forms.CharField(widget=forms.HiddenInput, required=False)
    version_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_(
            "Shown to readers with the new version. Required from version 2 on."
        ),
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Empty: now. A moment in the future schedules the version."),
    )

    class Meta:
        model = Dossier
        # The admin's fieldsets choose the fields; ModelAdmin passes them on.
        fields = "__all__"  # noqa: DJ007
        # The browser's own date picker, like "publish at" beside the
        # Publish button: one kind of date picker on the page.
        widgets = {
            "review_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title": forms.TextInput(attrs={"class": "vTextField wide-input"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["draft_token"] = self.instance.updated_at.isoformat()

    @property
    def publishing(self) -> bool:
        return PUBLISH in self.data

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._check_nobody_saved_in_between()
        if (
            self.publishing
            and not cleaned.get("version_note")
            and DossierVersion.objects.filter(dossier=self.instance.pk).exists()
        ):
            self.add_error(
                "version_note", _("Describe for readers what changed in this version.")
            )
        return cleaned

    def _check_nobody_saved_in_between(self):
        current = (
            Dossier.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is None or self.cleaned_data.get("draft_token") == (
            current.isoformat()
        ):
            return
        data = self.data.copy()
        data[self.add_prefix("draft_token")] = current.isoformat()
        self.data = data
        raise forms.ValidationError(
            _(
                "Another editor saved this dossier after you opened it. Your "
                "changes have not been saved and are still in the form below. "
                "Open the dossier in a new tab to see theirs; save again to "
                "replace them with yours."
            ),
            code="saved_in_between",
        )
