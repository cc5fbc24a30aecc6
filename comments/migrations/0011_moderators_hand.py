"""The moderators' hand: trusted writers, redaction, the writer history.

- ``email_hash`` on each reaction (HMAC of the address, as the rate limits
  keep it) for the writer history in the queue and trusted writers; filled in
  for existing reactions here.
- ``redacted_at`` and the edit date become part of the stored HTML, so the
  stale trigger of 0007 also watches them ("bewerkt op", "[ingekort door de
  redactie]"). Stored HTML of existing reactions is stale from here (its key
  names the old template): rendered on the fly until ``manage.py
  render_reactions`` stores it again (not from here: a migration must not
  call the live ``comments.rendering``).
- The Redactie group sees the consents and can revoke a writer's trust.
"""

import hashlib
import hmac

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac


# Frozen from core/editors.py as it was when this migration was written: a
# migration keeps the code it runs instead of importing the live app, which
# may change or go (Django docs, "Data migrations").
EDITORS_GROUP = "Redactie"


def _permissions(apps, app_label, codenames):
    # Permissions are normally created after *all* migrations ran
    # (post_migrate); on a fresh database they do not exist yet.
    create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    codenames = list(codenames)
    permissions = list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    return permissions


def _codenames(models):
    return [f"{action}_{model}" for model, actions in models.items() for action in actions]


def grant_editor_permissions(apps, app_label, models):
    """Give the Redactie group these permissions: ``{"model": ("view", ...)}``."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(*_permissions(apps, app_label, _codenames(models)))


def revoke_editor_permissions(apps, app_label, models):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, app_label, _codenames(models)))


STALE_FUNCTION = """
CREATE OR REPLACE FUNCTION comments_comment_html_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.name, NEW.text, NEW.created_at, NEW.is_staff_reply, NEW.is_author_reply{extra_new})
           IS DISTINCT FROM
       (OLD.name, OLD.text, OLD.created_at, OLD.is_staff_reply, OLD.is_author_reply{extra_old})
       AND NEW.html IS NOT DISTINCT FROM OLD.html THEN
        NEW.html_key := '';
    END IF;
    RETURN NEW;
END
$$;
"""
WATCH_DATES = STALE_FUNCTION.format(
    extra_new=", NEW.edited_at, NEW.redacted_at",
    extra_old=", OLD.edited_at, OLD.redacted_at",
)
AS_IN_0007 = STALE_FUNCTION.format(extra_new="", extra_old="")

PERMISSIONS = {
    "subscriptionconsent": ("view",),
    "trustedwriter": ("view", "change"),
}


def writer_hash(email: str) -> str:
    """The keyed hash of an address as the app kept it when this migration
    was written (core/clients.py, ``keyed_hash``), frozen here."""
    if settings.COMMENTS_HASH_KEY:
        key = settings.COMMENTS_HASH_KEY.encode()
    else:
        key = salted_hmac("comments.hash-key", "rate-limits", algorithm="sha256")
        key = key.digest()
    normalised = email.strip().lower().encode()
    return hmac.new(key, normalised, hashlib.sha256).hexdigest()


def fill_email_hashes(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    rows = Comment.objects.exclude(email="").filter(is_staff_reply=False)
    for comment in rows.only("email", "is_staff_reply").iterator(chunk_size=500):
        Comment.objects.filter(pk=comment.pk).update(
            email_hash=writer_hash(comment.email) if comment.email.strip() else ""
        )


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "comments", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "comments", PERMISSIONS)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_authors'),
        ('comments', '0010_writer_in_control'),
        ('core', '0001_redactie_group'),
        ('dossiers', '0009_review_dates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TrustedWriter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email_hash', models.CharField(max_length=64, unique=True, verbose_name='address (hash)')),
                ('trusted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='trusted since')),
                ('approved_then', models.PositiveIntegerField(default=0, verbose_name='approved reactions then')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
            ],
            options={
                'verbose_name': 'trusted writer',
                'verbose_name_plural': 'trusted writers',
                'ordering': ['-trusted_at'],
            },
        ),
        migrations.AddField(
            model_name='comment',
            name='email_hash',
            field=models.CharField(blank=True, default='', editable=False, max_length=64, verbose_name='address (hash)'),
        ),
        migrations.AddField(
            model_name='comment',
            name='redacted_at',
            field=models.DateTimeField(blank=True, help_text='The site shows “[shortened by the editorial team]” under the text; the original is in the changes below.', null=True, verbose_name='shortened by the editorial team'),
        ),
        migrations.AddField(
            model_name='revision',
            name='made_by',
            field=models.ForeignKey(blank=True, help_text='The moderator; empty for a change by the writer.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='kind',
            field=models.CharField(choices=[('edited', 'changed by the writer'), ('edit_approved', 'change approved'), ('edit_rejected', 'change refused'), ('withdrawn', 'withdrawn by the writer'), ('redacted', 'shortened by the editorial team')], max_length=20, verbose_name='change'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(condition=models.Q(('email_hash', ''), _negated=True), fields=['email_hash', 'status'], name='comment_writer_idx'),
        ),
        migrations.AddField(
            model_name='trustedwriter',
            name='revoked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='revoked by'),
        ),
        migrations.RunPython(fill_email_hashes, migrations.RunPython.noop),
        migrations.RunSQL(WATCH_DATES, AS_IN_0007),
        migrations.RunPython(grant, revoke),
    ]
