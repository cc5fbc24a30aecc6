"""Settings shared by every environment, driven by environment variables.

Django's own settings use the ``DJANGO_`` prefix; the database comes from
``DATABASE_URL``. Nothing secret is written here.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin with the Redactie's index (core/admin_site.py).
    "core.admin_apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    # Old addresses (a Drupal import's, or added by editors) answer with a 301.
    "django.contrib.sites",
    "django.contrib.redirects",
    "captcha",
    "axes",
    "django_prose_editor",
    # Drag-and-drop order of a dossier's elements, examples, references and
    # people (dossiers/admin.py OrderedInline).
    "adminsortable2",
    "core",
    "authors",
    "outbox",
    "purges",
    "articles",
    "dossiers",
    "comments",
    "follows",
    "feedback",
    "search",
    "pages",
    "drupal7",
    "movisie_site",
]

# The benchmark commands (benchmarks/) are a development tool, left out of the
# production image; `make bench` switches them on for its own runs.
if env_bool("MOVISIE_BENCHMARKS"):
    INSTALLED_APPS.append("benchmarks")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "movisie_site.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "movisie_site.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Only looks at 404s: a path in the redirects table gets its 301.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Dutch page.
    "axes.middleware.AxesMiddleware",
]
# The one site (django.contrib.sites, needed by the redirects); its domain is
# SITE_URL's (set by drupal7's migration), so sitemaps and feeds use it.
SITE_ID = 1

ROOT_URLCONF = "movisie_site.urls"
WSGI_APPLICATION = "movisie_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# DATABASE_URL is required at run time, not at import time: pytest-django
# imports settings before conftest.py can start an embedded PostgreSQL, and
# ``make run`` sets the variable after starting one (see movisie_site/devdb.py).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres:///movisie"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})
# Fail fast when PostgreSQL is down, so a worker answers 503 instead of hanging.
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    # Only staff have accounts (readers react without one), so the staff
    # minimum of 12 characters applies to every account.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Admin logins (django-axes; movisie_site/admin_logins.py) ----------------
# AxesStandaloneBackend first: it refuses a locked-out login before the
# password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures are counted in PostgreSQL, so the lockout holds across workers and
# app servers (django-axes' default handler, named for the reader).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Locked out after this many failures per username from one client, and per
# client (any username) ... Not per username alone: five wrong passwords every
# 15 minutes from anywhere kept a known editor's name locked for ever.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# One username failing this often within a day, from any clients: its owner
# is told by mail (movisie_site/admin_logins.py), once a day; the right
# password still works from an address that did not guess.
ADMIN_LOGIN_WARN_AFTER = int(env("ADMIN_LOGIN_WARN_AFTER", "20"))
# ... for this long. Failures during the lockout do not extend it, so an
# attacker who locks an editor's name out cannot keep it locked for ever; a
# superuser can unlock at once (admin: Axes > Access attempts, delete).
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# No raw addresses: axes gets a keyed-hash pseudonym, and keeps no log of
# successful logins.
AXES_CLIENT_IP_CALLABLE = "movisie_site.admin_logins.client_pseudonym"
AXES_DISABLE_ACCESS_LOG = True

# --- Cache -----------------------------------------------------------------
# Per-process memory. Used for rendered reaction threads, whose keys carry a
# version read from the database on every request (comments/thread.py), so a
# process never serves a stale thread; a shared cache would work the same.
# --- Caching proxy (deploy/varnish/, purges/, core/surrogates.py) -----------
# Where the app servers send purges: each Varnish in front of them, e.g.
# "http://varnish:6081" (comma-separated). Unset: no proxy, no purges.
CACHE_PROXY_URLS = env_list("CACHE_PROXY_URLS")
# How long the proxy keeps a public page (Surrogate-Control; purged on change).
CACHE_PROXY_SECONDS = int(env("CACHE_PROXY_SECONDS", str(24 * 60 * 60)))
# Seconds a purge request may take before it is left to send_purges.
CACHE_PURGE_TIMEOUT = float(env("CACHE_PURGE_TIMEOUT", "2"))
# The second purge of every change (purges/queue.py: the fetch-during-purge race).
CACHE_PURGE_REPEAT_SECONDS = int(env("CACHE_PURGE_REPEAT_SECONDS", "5"))
# Seconds an item page stays rendered on the server for anonymous readers
# (core/caching.py: every change invalidates it at once; 0 disables). With a
# proxy in front the proxy keeps the pages, so by default not the app
# (core/caching.py says why).
READER_PAGE_CACHE_SECONDS = int(
    env("READER_PAGE_CACHE_SECONDS", "0" if CACHE_PROXY_URLS else "60")
)
# What an item page shows: a change to any of these (their max(updated_at))
# gives cached item pages a new key. Named here because core/ sits below them.
READER_PAGE_VERSION_MODELS = [
    "articles.Article",
    "dossiers.Dossier",
    "comments.Comment",
    "authors.Author",
]
# Per process, bounded by entries and by bytes (core/cache_backend.py).
CACHES = {
    "default": {
        "BACKEND": "core.cache_backend.BoundedLocMemCache",
        "OPTIONS": {
            "MAX_ENTRIES": 2000,
            "MAX_BYTES": int(env("DJANGO_CACHE_MAX_MB", "64")) * 1024 * 1024,
        },
    }
}

# --- Language and time ----------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

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

# --- Security headers (every environment) -----------------------------------
_media = urlsplit(MEDIA_URL)
MEDIA_ORIGIN = [f"{_media.scheme}://{_media.netloc}"] if _media.netloc else []
# A strict policy: nothing from third parties, no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    # The nonce is only added to the header on pages that use it: the admin's
    # rich-text editor needs its inline <script type="importmap"> (rendered by
    # django-js-asset with {% csp_nonce_attr %}). Public pages never read the
    # nonce, so readers get plain "script-src 'self'".
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Uploaded images come from the media origin when it is not this site.
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGIN],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "manifest-src": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- E-mail (Django 6.1 MAILERS; SMTP configured from the environment) ------
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_BACKEND_OPTIONS = {
    SMTP_BACKEND: lambda: {
        "host": env("DJANGO_EMAIL_HOST", "localhost"),
        "port": int(env("DJANGO_EMAIL_PORT", "25")),
        "username": env("DJANGO_EMAIL_HOST_USER") or None,
        "password": env("DJANGO_EMAIL_HOST_PASSWORD") or None,
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS"),
        "use_ssl": env_bool("DJANGO_EMAIL_USE_SSL"),
        # Never let a slow mail server hold a worker for long.
        "timeout": int(env("DJANGO_EMAIL_TIMEOUT", "10")),
    },
    "django.core.mail.backends.filebased.EmailBackend": lambda: {
        "file_path": env("DJANGO_EMAIL_FILE_PATH", "mail"),
    },
}
# Each backend gets only the options it takes: the console, locmem and dummy
# backends refuse SMTP's ("Unknown options 'host'…"), so every mail failed.
_email_backend = env("DJANGO_EMAIL_BACKEND", SMTP_BACKEND)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": EMAIL_BACKEND_OPTIONS.get(_email_backend, dict)(),
    }
}
# Every mail is queued in the outbox (outbox/mail.py) and sent right after the
# transaction commits (bounded by the mail timeout); `manage.py
# send_notifications` from cron retries what failed. Set to false to leave all
# sending to cron. (COMMENTS_SEND_ON_COMMIT is its older name.)
OUTBOX_SEND_ON_COMMIT = env_bool(
    "OUTBOX_SEND_ON_COMMIT", default=env_bool("COMMENTS_SEND_ON_COMMIT", default=True)
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "redactie@localhost")
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Site ------------------------------------------------------------------
SITE_NAME = env("SITE_NAME", "Movisie")
# The knowledge institute that publishes the dossiers: the publisher in their
# citations and PDFs, and their author when a dossier credits nobody.
INSTITUTE_NAME = env("INSTITUTE_NAME", SITE_NAME)
# `manage.py load_demo` creates an admin/admin superuser: production
# (settings/production.py) refuses it.
DEMO_CONTENT_ALLOWED = True

# --- Reactions and the arithmetic question ------------------------------------
# Replies nest this many levels deep; a reply to the deepest level joins that
# level and names whom it answers.
COMMENTS_MAX_DEPTH = int(env("COMMENTS_MAX_DEPTH", "3"))
# Top-level reactions per page of a thread; replies stay on their parent's page.
COMMENTS_PER_PAGE = max(int(env("COMMENTS_PER_PAGE", "50")), 1)
# Reactions close this many days after publication; unset means never.
# A dossier is due for review this many months after its latest publication,
# revision or check, unless an editor sets its own "herzien vóór" date.
DOSSIER_REVIEW_MONTHS = int(env("DOSSIER_REVIEW_MONTHS", "12"))
# A second reader: publishing a dossier's draft in the admin needs a
# reviewer's approval of that very draft (dossiers/services.py).
DOSSIER_PUBLISH_NEEDS_APPROVAL = env_bool(
    "DOSSIER_PUBLISH_NEEDS_APPROVAL", default=True
)
# A draft sent for review and not answered within this many days is overdue
# (the admin's dashboard).
DOSSIER_REVIEW_WAIT_DAYS = int(env("DOSSIER_REVIEW_WAIT_DAYS", "5"))
# How long a preview link for an outside expert stays valid, at most.
DOSSIER_PREVIEW_LINK_DAYS = int(env("DOSSIER_PREVIEW_LINK_DAYS", "14"))

COMMENTS_CLOSE_AFTER_DAYS = (
    int(env("COMMENTS_CLOSE_AFTER_DAYS")) if env("COMMENTS_CLOSE_AFTER_DAYS") else None
)
# django-simple-captcha's database store, with our own text-only additions
# (comments/captcha.py). Sixty minutes leaves time to write a long reaction;
# the package's default of five does not. Expired rows: `manage.py captcha_clean`.
CAPTCHA_CHALLENGE_FUNCT = "comments.captcha.addition_challenge"
CAPTCHA_TIMEOUT = int(env("CAPTCHA_TIMEOUT_MINUTES", "60"))

# Bare domains in reactions link to https:// (Django's default from 2028 on).
URLIZE_ASSUME_HTTPS = True

# --- Spam defence, notifications and privacy for reactions -------------------
# The honeypot: a text field hidden from people and screen readers that bots
# tend to fill. Its name looks like an ordinary field a bot would want.
COMMENTS_HONEYPOT_FIELD = env("COMMENTS_HONEYPOT_FIELD", "website")
# Seconds between issuing the question and posting it below which only a
# script can have been at work. The issue time is the question row's own
# (comments/captcha.py): nothing the client sends can move it.
COMMENTS_MIN_SECONDS = float(env("COMMENTS_MIN_SECONDS", "3"))
# At most COMMENTS_RATE_LIMIT reactions per COMMENTS_RATE_PERIOD seconds per
# client address and per e-mail address; counted in PostgreSQL, so the limit
# holds across gunicorn workers and app servers.
COMMENTS_RATE_LIMIT = int(env("COMMENTS_RATE_LIMIT", "5"))
COMMENTS_RATE_PERIOD = int(env("COMMENTS_RATE_PERIOD", "600"))
# At most this many arithmetic questions (reaction forms) per client address
# per COMMENTS_RATE_PERIOD: a person opens a few, a script thousands.
COMMENTS_QUESTION_LIMIT = int(env("COMMENTS_QUESTION_LIMIT", "30"))
# Where the visitor's address comes from. Default: REMOTE_ADDR, the peer of
# gunicorn's socket (or the PROXY protocol's client, with gunicorn's
# proxy_protocol). Behind a proxy that sets a header instead, name it here as
# in request.META (e.g. HTTP_X_REAL_IP); only a header the proxy always
# overwrites, or visitors can pick their own address.
COMMENTS_CLIENT_ADDRESS_HEADER = env("COMMENTS_CLIENT_ADDRESS_HEADER")
# More links than this in one reaction: stored as spam for the moderator.
COMMENTS_MAX_LINKS = int(env("COMMENTS_MAX_LINKS", "2"))
# Who gets an e-mail about each reaction waiting for approval (comma-separated).
COMMENTS_MODERATOR_EMAILS = env_list("COMMENTS_MODERATOR_EMAILS")
# True: no mail per reaction, but one daily list (`manage.py
# send_moderator_digest` from cron).
COMMENTS_MODERATOR_DIGEST = env_bool("COMMENTS_MODERATOR_DIGEST")
# Double opt-in: ticking "e-mail me about replies" sends a confirmation mail;
# its link works this many days, after which an unconfirmed request lapses.
COMMENTS_CONFIRM_DAYS = int(env("COMMENTS_CONFIRM_DAYS", "7"))
# The edit and withdraw links in the "your reaction is online" mail work this
# many days.
COMMENTS_WRITER_LINK_DAYS = int(env("COMMENTS_WRITER_LINK_DAYS", "30"))
# Trusted writers (comments/trust.py): off unless true. An address with
# COMMENTS_TRUSTED_AFTER approved reactions then has its later reactions
# published at once (still rate-limited and checked by the content rules).
COMMENTS_TRUSTED_WRITERS = env_bool("COMMENTS_TRUSTED_WRITERS")
COMMENTS_TRUSTED_AFTER = int(env("COMMENTS_TRUSTED_AFTER", "3"))
# Client and e-mail addresses are only kept as HMAC-SHA256 with this key, never
# raw. Without DJANGO_COMMENTS_HASH_KEY a key is derived from SECRET_KEY (with
# its own salt, so the hashes reveal nothing about SECRET_KEY); rotating either
# only resets the rate-limit counters.
COMMENTS_HASH_KEY = env("DJANGO_COMMENTS_HASH_KEY")
# Hashed addresses are deleted after this many days (`manage.py
# purge_rate_limits` from cron).
COMMENTS_HASH_RETENTION_DAYS = int(env("COMMENTS_HASH_RETENTION_DAYS", "30"))
# The site's public address, for links in e-mails (no trailing slash).
SITE_URL = env("SITE_URL", "http://localhost:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{levelname} {asctime} {name}: {message}", "style": "{"}
    },
    "filters": {"no_traceback": {"()": "movisie_site.log_filters.NoTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "one_line": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_traceback"],
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Unreachable-database errors are answered with a 503 page and logged
        # once by our middleware; Django's request logger would add a traceback.
        "django.request": {"level": "ERROR"},
        # django-axes announces its version at INFO in every process that
        # starts (each manage.py command, each gunicorn worker).
        "axes.apps": {"level": "WARNING"},
        # WeasyPrint tells every step of making a PDF (dossiers/pdf.py) at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        # A request with a Host outside ALLOWED_HOSTS is a bot or a
        # misconfigured proxy, not a bug: one line, no traceback.
        "django.security.DisallowedHost": {
            "handlers": ["one_line"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}
