"""Logging: plain lines on the console; noisy loggers quietened."""

from .environment import env

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
