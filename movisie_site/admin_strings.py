"""Django's own strings that its Dutch catalogue does not translate yet.

Django 6.1 added these to the admin and to model forms, and its ``nl``
catalogue leaves them empty, so editors saw English in an otherwise Dutch
admin. Marking them here puts them in our catalogue (``make makemessages``),
which Django reads before its own (``LOCALE_PATHS``). Drop a line once
Django ships the translation.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_STRINGS = [
    # django/db/models/fields/__init__.py: the empty choice of a select.
    gettext_noop("- Select an option -"),
    # django/contrib/admin/templates/admin/date_hierarchy.html.
    gettext_noop("Filter by %(field_name)s"),
    # django/contrib/auth/password_validation.py: Django 6.1 changed this
    # msgid (%d instead of %(min_length)d); the nl catalogue has the old one.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        12,
    ),
]
