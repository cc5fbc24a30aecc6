"""Writes for authors: finding or creating a record by name."""

from django.db import transaction
from django.utils.text import slugify

from .models import Author


def unique_slug(name: str, taken) -> str:
    """``slugify(name)``, with -2, -3 … when ``taken(slug)`` says it is used."""
    base = slugify(name)[:190] or "auteur"
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def author_for_name(*, name: str) -> Author:
    """The author with exactly this name, created when there is none yet.

    Same name, one record: how the data migration carried the old text
    fields over, and what the demo loader and importers use.
    """
    name = " ".join(name.split())
    author = Author.objects.filter(name=name).order_by("pk").first()
    if author is not None:
        return author
    slug = unique_slug(name, lambda s: Author.objects.filter(slug=s).exists())
    author = Author(name=name, slug=slug)
    author.full_clean()
    author.save()
    return author
