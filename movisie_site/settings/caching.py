"""Caching: the caching proxy in front of the app servers, the per-process
cache, and the reader pages' own cache."""

from .environment import env, env_list

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
# --- Cache -----------------------------------------------------------------
# Per-process memory. Used for rendered reaction threads, whose keys carry a
# version read from the database on every request (comments/thread.py), so a
# process never serves a stale thread; a shared cache would work the same.
# Bounded by entries and by bytes (core/cache_backend.py).
CACHES = {
    "default": {
        "BACKEND": "core.cache_backend.BoundedLocMemCache",
        "OPTIONS": {
            "MAX_ENTRIES": 2000,
            "MAX_BYTES": int(env("DJANGO_CACHE_MAX_MB", "64")) * 1024 * 1024,
        },
    }
}
