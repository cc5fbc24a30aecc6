"""Demo authors, from authors/demo/authors.toml (before the content that
credits them by name, see ``author_for_name``).

An author is found by slug and created when missing; one that exists
(e.g. made by an earlier demo from a credit) gets the role, bio and photo
it lacks, and keeps whatever an editor filled in. Photos are drawings in
``authors/demo/images/`` (scripts/demo_images.py, CC0 1.0).
"""

from pathlib import Path

from django.core.files import File
from django.db import transaction

from core.demo import read

from .models import Author

IMAGES = Path(__file__).resolve().parent / "demo" / "images"
FIELDS = ["name", "role", "bio"]


@transaction.atomic
def load() -> dict[str, int]:
    """Create or complete the demo authors."""
    for data in read("authors", "authors")["author"]:
        author, _created = Author.objects.get_or_create(
            slug=data["slug"], defaults={field: data[field] for field in FIELDS}
        )
        missing = [field for field in ("role", "bio") if not getattr(author, field)]
        for field in missing:
            setattr(author, field, data[field])
        if not author.photo and "photo" in data:
            with (IMAGES / data["photo"]).open("rb") as file:
                author.photo_alt = data["photo_alt"]
                author.photo.save(data["photo"], File(file), save=False)
            missing += ["photo", "photo_alt"]
        if missing:
            author.full_clean()
            author.save(update_fields=[*missing, "updated_at"])
    return {"authors": Author.objects.count()}
