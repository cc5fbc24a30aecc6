"""Where uploaded files (article images, their sizes, generated PDFs) live.

Two backends with one naming rule, chosen in settings (``STORAGES["default"]``):

- ``LocalMediaStorage``: the local disk (``MEDIA_ROOT``), for ``make run``
  and the tests.
- ``S3MediaStorage``: an S3-compatible bucket through django-storages, when
  ``DJANGO_S3_BUCKET`` is set, so every app server reads and writes the same
  files and a deploy loses none.

The rule: a file is stored under a name that carries a digest of its content
(``foto.3f2a9b1c4d5e.jpg``). A name therefore never points at two different
contents, which is what lets browsers and CDNs cache uploads for a year
(``Cache-Control: immutable``), the way hashed static files are cached.
Names that already carry a digest (the sizes of an image, derived from the
original's name) are kept as they are.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

DIGEST_LENGTH = 12
VERSIONED_NAME_RE = re.compile(rf"\.[0-9a-f]{{{DIGEST_LENGTH}}}(\.|$)")
# What browsers and CDNs may do with a stored file: its name changes with
# its content, so it may be kept for a year without asking again.
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"


def content_digest(content) -> str:
    digest = hashlib.sha256()
    if hasattr(content, "seek"):
        content.seek(0)
    for chunk in content.chunks() if hasattr(content, "chunks") else [content.read()]:
        digest.update(chunk)
    if hasattr(content, "seek"):
        content.seek(0)
    return digest.hexdigest()[:DIGEST_LENGTH]


def versioned_name(name: str, digest: str) -> str:
    """``artikelen/2026/foto.jpg`` → ``artikelen/2026/foto.<digest>.jpg``."""
    folder, base = posixpath.split(name)
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    return posixpath.join(folder, f"{stem}.{digest}{'.' + ext if ext else ''}")


class VersionedNamesMixin:
    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        if not VERSIONED_NAME_RE.search(posixpath.basename(name)):
            name = versioned_name(name, content_digest(content))
            if self.exists(name):  # the same content, stored before
                return name
        return super().save(name, content, max_length=max_length)


class LocalMediaStorage(VersionedNamesMixin, FileSystemStorage):
    pass


class S3MediaStorage(VersionedNamesMixin, S3Storage):
    pass
