"""The site's own mails, found by the outbox at startup (outbox/apps.py): the
warning to an editor whose username fails to log in many times
(movisie_site/admin_logins.py registers it and listens for failed logins)."""

from . import admin_logins  # noqa: F401 - registers the mail and the receiver
