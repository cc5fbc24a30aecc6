"""Let the "Redactie" editors group moderate reactions.

The content branch creates the group in its own data migration; we
get_or_create it here too, so the order of the two does not matter.
Permissions are normally created after all migrations (post_migrate), so we
create ours first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Redactie"
CODENAMES = ["view_comment", "change_comment"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    # A historical app config has no models module, so create_permissions
    # would skip it; put back what was there (the tests call this with the
    # real registry, whose comments app must keep its models module).
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = previous or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="comments", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="comments", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
