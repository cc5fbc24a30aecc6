"""Reading demo content: TOML files in each app's ``demo/`` folder.

Demo content is data a person can edit, not code: ``dossiers/demo/*.toml``,
``articles/demo/articles.toml``, ``comments/demo/*.toml``. Each app's
``demo.load()`` reads its own files with ``read`` and creates what is missing
(found by slug or by its text), so loading twice changes nothing and edits
made in the admin survive. ``manage.py load_demo`` loads them all.
"""

import tomllib
from pathlib import Path

from django.apps import apps
from django.core.files import File

from .images import store_image_sizes


def read(app_label: str, name: str) -> dict:
    """``<app>/demo/<name>.toml`` as a dict."""
    path = Path(apps.get_app_config(app_label).path) / "demo" / f"{name}.toml"
    with path.open("rb") as file:
        return tomllib.load(file)


def add_image(item, data: dict, folder: Path) -> None:
    """Give an ``Illustrated`` item the drawing ``data["image"]`` from
    ``folder`` (scripts/demo_images.py) with its alternative text and sizes,
    as the admin does; an item that has an image keeps it."""
    if item.image or "image" not in data:
        return
    with (folder / data["image"]).open("rb") as file:
        item.image_alt = data["image_alt"]
        item.image.save(data["image"], File(file), save=False)
    item.save(update_fields=["image", "image_alt", "updated_at"])
    store_image_sizes(item=item)
