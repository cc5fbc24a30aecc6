"""Images from the Drupal site's public files folder (``--files``).

``file_managed.uri`` is ``public://2017/01/foto.jpg``; the file lies under the
site's public files folder (usually ``sites/default/files``). The alt text
comes from the image field (``field_image_alt``), which our articles require.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.utils.translation import gettext as _

from . import report as r


@dataclass(frozen=True)
class ImageSource:
    fid: int
    uri: str
    alt: str
    path: Path | None  # None: no --files given


def image_for(
    data, tm, *, files_dir: Path | None, tally: r.Tally
) -> ImageSource | None:
    nid = data.node["nid"]
    if not tm.image or data.image is None or not data.image.get("file"):
        return None
    row, file = data.image, data.image["file"]
    tally.count("file", r.READ)
    uri = file["uri"] or ""
    if not uri.startswith("public://"):
        tally.count("file", r.SKIPPED)
        tally.note(
            "node",
            nid,
            _("image %(uri)s is not a public file; left out") % {"uri": uri},
        )
        return None
    alt = " ".join((row.get("alt") or row.get("title") or "").split())[:250]
    if not alt:
        tally.count("file", r.SKIPPED)
        tally.note(
            "node",
            nid,
            _("image %(uri)s has no alternative text; left out") % {"uri": uri},
        )
        return None
    if files_dir is None:
        tally.count("file", r.SKIPPED)
        tally.note(
            "node",
            nid,
            _("image %(uri)s left out: no --files folder given") % {"uri": uri},
        )
        return None
    relative = PurePosixPath(uri.removeprefix("public://"))
    if relative.is_absolute() or ".." in relative.parts:
        raise r.ItemFailure(
            "node",
            nid,
            _("Image address %(uri)s leaves the files folder.") % {"uri": uri},
        )
    path = Path(files_dir, *relative.parts)
    if not path.is_file():
        raise r.ItemFailure(
            "node", nid, _("Image file %(path)s is missing.") % {"path": path}
        )
    return ImageSource(fid=file["fid"], uri=uri, alt=alt, path=path)


def attach(
    article, image: ImageSource | None, *, dry_run: bool, tally: r.Tally
) -> None:
    """Put the image on the article (the upload is skipped in a dry run)."""
    if image is None:
        if article.image:
            article.image = ""
            article.image_alt = ""
        return
    article.image_alt = image.alt
    if dry_run:
        tally.count("file", r.CREATED)
        return
    with image.path.open("rb") as handle:
        article.image.save(image.path.name, File(handle), save=False)
    tally.count("file", r.CREATED)
