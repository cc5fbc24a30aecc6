"""E-mail: Django 6.1 MAILERS, SMTP configured from the environment, every
mail through the outbox (outbox/mail.py)."""

from .environment import env, env_bool

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
