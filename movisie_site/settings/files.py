"""Static files and uploaded files (movisie_site/storage.py): local disk, or
an S3-compatible bucket every app server shares."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from .environment import BASE_DIR, env

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# --- Uploaded files (movisie_site/storage.py) ---------------------------------
# Article images, their sizes and generated PDFs go to the "default" storage:
# an S3-compatible bucket when DJANGO_S3_BUCKET is set (every app server shares
# it), else the local disk under MEDIA_ROOT (make run, tests; served there by
# movisie_site.views.media_file). Names carry a digest of the content, so
# files are served with a year's Cache-Control.
# DJANGO_S3_BUCKET, _ENDPOINT_URL, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY
# and DJANGO_MEDIA_URL (the public address of the files): see the README.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Serve local uploads from Django: only make run and the tests turn this on.
SERVE_MEDIA = False


def media_storage(environ) -> tuple[dict, str]:
    """The default storage and MEDIA_URL that the environment asks for."""
    bucket = environ.get("DJANGO_S3_BUCKET", "")
    if not bucket:
        return (
            {"BACKEND": "movisie_site.storage.LocalMediaStorage"},
            environ.get("DJANGO_MEDIA_URL", "/media/"),
        )
    endpoint = environ.get("DJANGO_S3_ENDPOINT_URL", "").rstrip("/")
    # Readers fetch files straight from the bucket (or a CDN in front of it):
    # public, unsigned URLs, so a page and its images stay cacheable.
    media_url = environ.get("DJANGO_MEDIA_URL") or (
        f"{endpoint}/{bucket}/" if endpoint else f"https://{bucket}.s3.amazonaws.com/"
    )
    media = urlsplit(media_url)
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": environ.get("DJANGO_S3_REGION") or None,
        # Unset: boto3's own chain (AWS_ACCESS_KEY_ID, an instance role, ...).
        "access_key": environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
        # Path-style (endpoint/bucket/key) works with every S3-compatible
        # server (SeaweedFS, MinIO, Garage); AWS accepts it too.
        "addressing_style": "path" if endpoint else None,
        "custom_domain": (media.netloc + media.path).rstrip("/"),
        "url_protocol": f"{media.scheme}:",
        "querystring_auth": False,
        "default_acl": None,  # the bucket's policy makes files readable
        "file_overwrite": False,
        # Names carry a digest of the content (movisie_site/storage.py).
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    return {"BACKEND": "movisie_site.storage.S3MediaStorage", "OPTIONS": options}, (
        media_url
    )


_default_storage, MEDIA_URL = media_storage(os.environ)
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
