"""Personal data (AVG): export or erase everything written with one e-mail
address, from the reactions' admin (and what other apps keep of it,
core.personal_data)."""

import json
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import personal_data

from .. import services


class PersonalDataForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Please enter an e-mail address."),
            "invalid": _("Please enter a valid e-mail address."),
        },
    )
    remove_text = forms.BooleanField(
        label=_("Also replace the texts with “This reaction has been removed.”"),
        required=False,
    )


class PersonalDataMixin:
    """The erasure and export page of CommentAdmin, and the list action
    that opens it for a selected reaction's address."""

    @admin.action(
        description=_("Remove personal data of the writer"), permissions=["change"]
    )
    def personal_data(self, request, queryset):
        """Opens the erasure page for the selected reaction's address."""
        email = queryset.exclude(email="").values_list("email", flat=True).first()
        url = reverse("admin:comments_comment_personal_data")
        return HttpResponseRedirect(f"{url}?{urlencode({'email': email or ''})}")

    def personal_data_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            form = PersonalDataForm(initial={"email": request.GET.get("email", "")})
        elif (form := PersonalDataForm(request.POST)).is_valid():
            email = form.cleaned_data["email"]
            if "export" in request.POST:
                return self._export(email)
            changed = services.erase_personal_data(
                email=email, remove_text=form.cleaned_data["remove_text"]
            )
            # What other apps keep of the address (follows of dossiers).
            others = personal_data.erase(email)
            if others:
                self.message_user(
                    request,
                    _("Other records of %(email)s removed: %(count)d.")
                    % {"email": email, "count": others},
                    messages.SUCCESS,
                )
                if not changed:
                    return HttpResponseRedirect(request.path)
            if not changed:
                self.message_user(
                    request,
                    _("No reactions with the address %(email)s. Nothing changed.")
                    % {"email": email},
                    messages.WARNING,
                )
            else:
                self.message_user(
                    request,
                    ngettext(
                        "Personal data removed from %(count)d reaction.",
                        "Personal data removed from %(count)d reactions.",
                        changed,
                    )
                    % {"count": changed},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personal data of a writer"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/comments/comment/personal_data.html", context
        )

    def _export(self, email):
        data = {
            "email": email,
            "exported_at": timezone.now().isoformat(),
            "reactions": services.export_personal_data(email=email),
            **personal_data.export(email),
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"reacties-{slugify(email.replace('@', '-at-'))}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response
