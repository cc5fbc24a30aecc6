"""Seed every page (its text from pages/defaults/<slug>.toml) and the home page's row, let the
"Redactie" editors edit them, and carry an edited privacy statement over from
comments.PrivacyStatement (plain text, a paragraph per empty line)."""

import re
import tomllib
from html import unescape
from pathlib import Path

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.html import linebreaks, strip_tags

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


# The texts are data beside the app (pages/defaults/), read as pages.defaults
# read them when this migration was written, without importing it.
DEFAULTS = Path(__file__).resolve().parent.parent / "defaults"


def default_text(slug):
    with (DEFAULTS / f"{slug}.toml").open("rb") as file:
        data = tomllib.load(file)
    return {key: data[key].strip() for key in ("title", "lead", "body")}


SLUGS = ["over-ons", "contact", "colofon", "toegankelijkheid", "privacy"]
PERMISSIONS = {"page": ("view", "change"), "homepage": ("view", "add", "change")}


def seed(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    PrivacyStatement = apps.get_model("comments", "PrivacyStatement")
    for slug in SLUGS:
        if Page.objects.filter(slug=slug).exists():
            continue
        text = default_text(slug)
        statement = PrivacyStatement.objects.first() if slug == "privacy" else None
        if statement is not None:
            text = {
                "title": statement.title,
                "lead": "",
                "body": linebreaks(statement.text, autoescape=True),
            }
        Page.objects.create(slug=slug, **text)
    apps.get_model("pages", "HomePage").objects.get_or_create(singleton=True)
    grant_editor_permissions(apps, "pages", PERMISSIONS)


def unseed(apps, schema_editor):
    """Back to before: the privacy page's text returns to the privacy
    statement (plain text, a paragraph per empty line), the seeded rows go."""
    Page = apps.get_model("pages", "Page")
    privacy = Page.objects.filter(slug="privacy").first()
    PrivacyStatement = apps.get_model("comments", "PrivacyStatement")
    if privacy is not None:
        paragraphs = re.split(r"</(?:p|h2|h3|li)>", privacy.body)
        text = "\n\n".join(
            unescape(strip_tags(part)).strip() for part in paragraphs if strip_tags(part).strip()
        )
        PrivacyStatement.objects.update_or_create(
            singleton=True, defaults={"title": privacy.title, "text": text}
        )
    Page.objects.all().delete()
    apps.get_model("pages", "HomePage").objects.all().delete()
    revoke_editor_permissions(apps, "pages", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("comments", "0012_thread_counts"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
