"""The admin as the Redactie sees it: their work first, no technical apps.

Login guards (django-axes), the sites framework and the user groups are for
administrators: the index and the menu list them for superusers only. The
pages themselves still answer to whoever holds the permission, as before.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .editors import display_name, set_display_name

# App labels only superusers see in the index and the menu.
TECHNICAL_APPS = {"axes", "sites", "auth"}


class DeskAdminSite(AdminSite):
    site_header = "Redactie"
    site_title = "Redactie"

    def get_urls(self):
        return [
            path(
                "weergavenaam/",
                self.admin_view(self.display_name_view),
                name="display_name",
            ),
            *super().get_urls(),
        ]

    def display_name_view(self, request):
        """A member of staff chooses the name readers see under answers."""
        form = DisplayNameForm(
            request.POST or None, initial={"name": display_name(request.user)}
        )
        next_url = request.POST.get("next") or request.GET.get("next", "")
        if request.method == "POST" and form.is_valid():
            try:
                name = set_display_name(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                form.add_error("name", error)
            else:
                messages.success(
                    request,
                    _("Readers now see “%(name)s” under your answers.")
                    % {"name": name},
                )
                safe = url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}
                )
                return redirect(next_url if safe and next_url else "admin:index")
        context = {
            **self.each_context(request),
            "title": _("Your display name"),
            "form": form,
            "next": next_url,
        }
        return TemplateResponse(request, "admin/display_name.html", context)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if request.user.is_superuser:
            return apps
        return [app for app in apps if app["app_label"] not in TECHNICAL_APPS]


class DisplayNameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Display name"),
        max_length=100,
        help_text=gettext_lazy(
            "Shown under your answers to reactions, e.g. “Christine Kuiper, "
            "Movisie”. Never your username."
        ),
        widget=forms.TextInput(attrs={"size": 40, "autocomplete": "name"}),
    )
