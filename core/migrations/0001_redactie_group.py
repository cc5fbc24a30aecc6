"""Create the "Redactie" group with what editors need for dossiers and articles.

Editors write, edit, schedule and unpublish (status back to draft) dossiers
and articles and maintain themes. Deleting a whole dossier, article or theme
stays with administrators: it breaks links and reactions, and unpublishing
does what an editor needs. Rows inside a dossier (elements, examples,
references, revision lines) can be deleted: that is part of editing it.
"""

from django.db import migrations

from core.editors import (
    EDITORS_GROUP,
    grant_editor_permissions,
    revoke_editor_permissions,
)

EDIT = ("view", "add", "change")
EDIT_ROWS = ("view", "add", "change", "delete")

PERMISSIONS = {
    "dossiers": {
        "theme": EDIT,
        "dossier": EDIT,
        "effectiveelement": EDIT_ROWS,
        "goodexample": EDIT_ROWS,
        "reference": EDIT_ROWS,
        "dossierrevision": EDIT_ROWS,
    },
    "articles": {"article": EDIT},
}


def grant(apps, schema_editor):
    for app_label, models in PERMISSIONS.items():
        grant_editor_permissions(apps, app_label, models)


def revoke(apps, schema_editor):
    for app_label, models in PERMISSIONS.items():
        revoke_editor_permissions(apps, app_label, models)
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=EDITORS_GROUP, permissions__isnull=True).delete()


class Migration(migrations.Migration):
    # This migration was movisie_site's before the base moved to core/. A
    # database that ran it there has it recorded as applied under that name;
    # ``replaces`` makes Django count it as done instead of running it again.
    replaces = [("movisie_site", "0001_redactie_group")]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dossiers", "0002_sections_examples_references"),
        ("articles", "0002_image_with_alt_text"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
