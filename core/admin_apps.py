"""Django's admin app with the Redactie's site (core/admin_site.py).

A module of its own: INSTALLED_APPS imports it before the models exist,
and the site (which reads editors' display names) is imported later, by
name.
"""

from django.contrib.admin.apps import AdminConfig


class DeskAdminConfig(AdminConfig):
    default_site = "core.admin_site.DeskAdminSite"
