"""Settings shared by every environment, driven by environment variables.

Django's own settings use the ``DJANGO_`` prefix; the database comes from
``DATABASE_URL``. Nothing secret is written here. This module holds Django's
core settings and the site's; each other concern has a module of its own,
gathered here, so callers still name one module (``settings.dev``,
``.test``, ``.production`` build on this one):

- ``environment``: ``env``/``env_bool``/``env_list`` and BASE_DIR
- ``logins``: admin login lockout (django-axes)
- ``caching``: the caching proxy, the per-process cache, reader page caching
- ``files``: static and uploaded files (local disk or an S3 bucket)
- ``security``: security headers and the Content-Security-Policy
- ``mail``: MAILERS and the outbox
- ``reactions``: threads, the arithmetic question, spam defences, privacy
- ``logs``: LOGGING
"""

import dj_database_url

from .caching import *  # noqa: F403
from .environment import BASE_DIR, env, env_bool, env_list
from .files import *  # noqa: F403
from .logins import *  # noqa: F403
from .logs import *  # noqa: F403
from .mail import *  # noqa: F403
from .reactions import *  # noqa: F403
from .security import *  # noqa: F403

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
    # people (dossiers/admin/inlines.py, OrderedInline).
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
    "movisie_site.middleware.ContentSecurityPolicyMiddleware",
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
# The few statements every item page runs are prepared: PostgreSQL plans
# them once per connection (core/compiled.py's prepared_cursor; Django's own
# queries bind on the client and are never prepared). Off for a pooler in
# transaction mode that cannot keep prepared statements.
DATABASES["default"]["OPTIONS"].setdefault(
    "prepare_threshold",
    0 if env_bool("DJANGO_DB_PREPARED_STATEMENTS", default=True) else None,
)
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
# --- Language and time ----------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# --- Site ------------------------------------------------------------------
SITE_NAME = env("SITE_NAME", "Movisie")
# The knowledge institute that publishes the dossiers: the publisher in their
# citations and PDFs, and their author when a dossier credits nobody.
INSTITUTE_NAME = env("INSTITUTE_NAME", SITE_NAME)
# `manage.py load_demo` creates an admin/admin superuser: production
# (settings/production.py) refuses it.
DEMO_CONTENT_ALLOWED = True
# --- Dossiers ----------------------------------------------------------------
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
# The site's public address, for links in e-mails (no trailing slash).
SITE_URL = env("SITE_URL", "http://localhost:8000").rstrip("/")
