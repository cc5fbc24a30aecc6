"""The "Beoordelaars" group (the second readers) and what editors need for
the review round and preview links.

Reviewers see dossiers and approve or send back drafts (``review_dossier``);
editors send drafts for review (a review step is added) and make and revoke
preview links for outside experts. Review steps are a record: nobody
changes or deletes them.
"""

from django.db import migrations

from core.editors import (
    REVIEWERS_GROUP,
    grant_editor_permissions,
    grant_group_permissions,
    revoke_editor_permissions,
)

EDITORS = {"dossierreview": ("view", "add"), "previewlink": ("view", "add", "change")}
REVIEWERS = ["view_dossier", "view_dossierreview", "add_dossierreview", "review_dossier"]


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "dossiers", EDITORS)
    grant_group_permissions(apps, REVIEWERS_GROUP, "dossiers", REVIEWERS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "dossiers", EDITORS)
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=REVIEWERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0024_review_round_and_preview_links"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
