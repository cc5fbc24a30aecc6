"""Seed every page (pages.defaults) and the home page's row, let the
"Redactie" editors edit them, and carry an edited privacy statement over from
comments.PrivacyStatement (plain text, a paragraph per empty line)."""

import re
from html import unescape

from django.db import migrations
from django.utils.html import linebreaks, strip_tags

from core.editors import grant_editor_permissions, revoke_editor_permissions
from pages.defaults import default_text

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
