"""An article's or dossier's image in the sizes lists and pages show, made
once with Pillow; and the fields and rules such an image comes with
(``Illustrated``: an image needs an alternative text).

When an editor uploads an image, ``store_image_sizes`` writes WebP copies at
a few widths next to the original in the default storage (the bucket in
production) and records the original's width and height on the item.
Pages then name every size and its exact dimensions from the item's own
row: no query, no storage request and no image decoding while rendering,
and ``width``/``height`` on each ``<img>`` so nothing jumps while it loads.

Why Pillow rather than sorl-thumbnail or easy-thumbnails: those make sizes on
first render and keep a registry of them (a key-value table or cache that is
read per image), so a list of images costs queries (or storage requests) in
proportion to its length, and the first reader waits for the resize. Our
sizes are few and known at upload time, and their names follow from the
original's content-addressed name (movisie_site/storage.py), so they can be
made once and never looked up.
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Widths per use; a size is never wider than the original.
WIDTHS = {"page": (480, 960, 1440), "list": (320, 640)}
# The width named in ``src`` (for browsers that ignore srcset).
DEFAULT_WIDTH = {"page": 960, "list": 320}
# How wide each use is drawn (static/css/site.css: .prose, .cards).
SIZES = {
    "page": "(min-width: 60rem) 48rem, 100vw",
    "list": "(min-width: 40rem) 24rem, 100vw",
}
WEBP_QUALITY = 80


@dataclass(frozen=True)
class Picture:
    src: str
    srcset: str
    sizes: str
    width: int
    height: int


def scaled(width: int, height: int, target: int) -> tuple[int, int]:
    if width <= target:
        return width, height
    return target, max(1, round(height * target / width))


def widths_for(original_width: int, use: str) -> list[int]:
    return sorted({min(width, original_width) for width in WIDTHS[use]})


def size_name(name: str, width: int) -> str:
    """``artikelen/2026/foto.3f2a9b1c4d5e.jpg`` → ``….3f2a9b1c4d5e.960w.webp``."""
    folder, base = posixpath.split(name)
    return posixpath.join(folder, f"{base.rpartition('.')[0] or base}.{width}w.webp")


def picture(image, width: int | None, height: int | None, use: str) -> Picture | None:
    """What an ``<img>`` needs for ``use`` ("page" or "list"), or None when the
    sizes have not been made (an image stored before they existed)."""
    if not image or not width or not height:
        return None
    storage = image.storage
    sizes = [
        (storage.url(size_name(image.name, w)), *scaled(width, height, w))
        for w in widths_for(width, use)
    ]
    target = min(DEFAULT_WIDTH[use], width)
    src, src_width, src_height = next(s for s in sizes if s[1] == target)
    return Picture(
        src=src,
        srcset=", ".join(f"{url} {w}w" for url, w, _ in sizes),
        sizes=SIZES[use],
        width=src_width,
        height=src_height,
    )


def store_image_sizes(*, item: Illustrated) -> None:
    """Make the sizes of the item's image and record its dimensions.

    Idempotent: sizes already in storage are kept (their names follow from
    the content). Call after the image is saved (the admin does, and
    ``manage.py make_image_sizes`` for images stored earlier).
    """
    if not item.image:
        if item.image_width or item.image_height:
            item.image_width = item.image_height = None
            item.save(update_fields=["image_width", "image_height"])
        return
    with item.image.open("rb") as original:
        image = ImageOps.exif_transpose(Image.open(original))
        image.load()
    # Photographs keep no alpha; transparent PNGs and GIFs keep theirs.
    image = image.convert(
        "RGBA"
        if "transparency" in image.info or image.mode in {"RGBA", "LA", "PA"}
        else "RGB"
    )
    storage = item.image.storage
    for use in WIDTHS:
        for width in widths_for(image.width, use):
            name = size_name(item.image.name, width)
            if storage.exists(name):
                continue
            resized = image.resize(
                scaled(image.width, image.height, width), Image.Resampling.LANCZOS
            )
            buffer = io.BytesIO()
            resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
            storage.save(name, ContentFile(buffer.getvalue()))
    if (item.image_width, item.image_height) != image.size:
        item.image_width, item.image_height = image.size
        item.save(update_fields=["image_width", "image_height"])


def absolute_image_url(request, item: Illustrated) -> str:
    """The full address of the item's image, for og:image and JSON-LD; empty
    when it has none."""
    return request.build_absolute_uri(item.image.url) if item.image else ""


def image_field(upload_to: str) -> models.ImageField:
    """The image column of an ``Illustrated`` model, stored under ``upload_to``."""
    return models.ImageField(
        _("image"), upload_to=upload_to, blank=True, max_length=200
    )


class Illustrated(models.Model):
    """An item with an optional image and its required alternative text.

    Subclasses set ``image = image_field("<folder>/%Y/")`` and list
    ``*Illustrated.Meta.constraints`` in their own Meta's constraints. The
    image's width and height are recorded by ``store_image_sizes``; pages read
    ``page_picture`` and ``list_picture`` instead of the file.
    """

    image = image_field("afbeeldingen/%Y/")
    # The original's size, recorded with its list and page sizes when it is
    # uploaded (store_image_sizes); pages read it instead of the file.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe what the image shows for readers who cannot see it. "
            "Required with an image."
        ),
    )

    # The fields a card needs to show the image (QuerySet ``cards()``).
    CARD_FIELDS = ("image", "image_width", "image_height")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="%(app_label)s_%(class)s_image_has_alt",
                violation_error_message=_("An image needs an alternative text."),
                violation_error_code="image_alt_required",
            ),
        ]

    @property
    def page_picture(self) -> Picture | None:
        return picture(self.image, self.image_width, self.image_height, "page")

    @property
    def list_picture(self) -> Picture | None:
        return picture(self.image, self.image_width, self.image_height, "list")

    def clean(self):
        super().clean()
        # The database constraint guards the rule; this names the field.
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("An image needs an alternative text.")},
                code="image_alt_required",
            )
