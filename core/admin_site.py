"""The admin as the Redactie sees it: their work first, no technical apps.

Login guards (django-axes), the sites framework and the user groups are for
administrators: the index and the menu list them for superusers only. The
pages themselves still answer to whoever holds the permission, as before.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig

# App labels only superusers see in the index and the menu.
TECHNICAL_APPS = {"axes", "sites", "auth"}


class DeskAdminSite(AdminSite):
    site_header = "Redactie"
    site_title = "Redactie"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if request.user.is_superuser:
            return apps
        return [app for app in apps if app["app_label"] not in TECHNICAL_APPS]


class DeskAdminConfig(AdminConfig):
    default_site = "core.admin_site.DeskAdminSite"
