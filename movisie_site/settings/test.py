"""The pytest suite. Each override says why it differs from production."""

from .base import *  # noqa: F403

# Tests need a key; it never leaves the test process.
SECRET_KEY = "test-only-not-secret-" + "x" * 40
# The benchmark commands have their own tests (tests/search/test_benchmark_content.py).
if "benchmarks" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
# Hashing passwords with the default PBKDF2 rounds slows every login in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mails are captured in django.core.mail.outbox instead of being sent.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The manifest storage needs collectstatic first; tests render pages without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A persistent connection would outlive the test transaction boundaries.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests post right after reading the form; the minimum time is tested on its
# own with a moved clock (tests/comments/test_spam.py).
COMMENTS_MIN_SECONDS = 0
# Links in mails point at the test server's name.
SITE_URL = "https://www.example.nl"
# The site's own domain (SITE_URL, in django.contrib.sites' row): the admin's
# "Bekijk op site", feeds and sitemaps link there, and tests follow those links.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "www.example.nl"]  # noqa: F405
# Uploads go to a throwaway folder per test (tests/conftest.py) and are
# served as make run serves them; the S3 path has its own tests against a
# real SeaweedFS (tests/site/test_s3_storage.py).
SERVE_MEDIA = True
