"""Admin logins: django-axes' lockout, counted in PostgreSQL, with only a
pseudonym of the client address (movisie_site/admin_logins.py)."""

from datetime import timedelta

from .environment import env

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
