"""Reactions: threads, the arithmetic question, the spam defences,
notifications and privacy (comments/)."""

from .environment import env, env_bool, env_list

# --- Reactions and the arithmetic question ------------------------------------
# Replies nest this many levels deep; a reply to the deepest level joins that
# level and names whom it answers.
COMMENTS_MAX_DEPTH = int(env("COMMENTS_MAX_DEPTH", "3"))
# Top-level reactions per page of a thread; replies stay on their parent's page.
COMMENTS_PER_PAGE = max(int(env("COMMENTS_PER_PAGE", "50")), 1)

# Reactions close this many days after publication; unset means never.
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
