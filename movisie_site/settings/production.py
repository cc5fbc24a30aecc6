"""Production: gunicorn behind a TLS-terminating proxy or load balancer.

Refuses to start without a secret key or with DEBUG on, so a misconfigured
container fails at boot instead of serving insecurely.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, env_bool

if not SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a long random value in production."
    )
if env_bool("DJANGO_DEBUG", default=False):
    raise ImproperlyConfigured("DJANGO_DEBUG must not be on in production.")
DEBUG = False
# The demo's admin/admin account must never exist on a public site.
DEMO_CONTENT_ALLOWED = False

# TLS is terminated in front of the app; trust its header only when told to.
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Links in e-mails (a reply, unsubscribing) point here; a missing value would
# send readers to localhost.
_site = urlsplit(env("SITE_URL"))
if _site.scheme not in {"http", "https"} or not _site.hostname:
    raise ImproperlyConfigured(
        "SITE_URL must be set to the site's public address in production, "
        "e.g. https://www.movisie.nl: links in e-mails point there."
    )
# Uploads must live where readers can fetch them: a bucket every app server
# shares, a public address that serves them (DJANGO_MEDIA_URL), or, on a
# single server, the site itself from its own disk (DJANGO_SERVE_MEDIA).
# Without any, uploads were stored on one container's disk and every /media/
# address answered 404.
if not env("DJANGO_S3_BUCKET") and not env("DJANGO_MEDIA_URL"):
    if not env_bool("DJANGO_SERVE_MEDIA", default=False):
        raise ImproperlyConfigured(
            "Geen opslag voor uploads die lezers kunnen bereiken. Zet "
            "DJANGO_S3_BUCKET (een S3-bucket die alle app-servers delen), of "
            "DJANGO_MEDIA_URL (het openbare adres waar de bestanden uit "
            "DJANGO_MEDIA_ROOT worden geserveerd), of DJANGO_SERVE_MEDIA=true "
            "(de site serveert ze zelf; alleen met één app-server)."
        )
    SERVE_MEDIA = True
if SECURE_SSL_REDIRECT and _site.scheme != "https":
    raise ImproperlyConfigured(
        "SITE_URL must start with https:// when the site redirects to HTTPS."
    )
