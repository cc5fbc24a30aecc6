"""The site's domain from SITE_URL, and the editors' rights on redirects.

django.contrib.sites creates "example.com"; sitemaps and feeds take their
domain from this row, so it must be the site's own. Editors ("Redactie")
manage the old addresses in the admin (admin: Redirects).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

REDIRECTS = {"redirect": ("view", "add", "change", "delete")}
IMPORTED = {"importeditem": ("view",)}


def forwards(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": domain}
    )
    grant_editor_permissions(apps, "redirects", REDIRECTS)
    grant_editor_permissions(apps, "drupal7", IMPORTED)


def backwards(apps, schema_editor):
    revoke_editor_permissions(apps, "redirects", REDIRECTS)
    revoke_editor_permissions(apps, "drupal7", IMPORTED)


class Migration(migrations.Migration):
    dependencies = [
        ("drupal7", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("core", "0001_redactie_group"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
