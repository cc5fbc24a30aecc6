"""Loads the demo content idempotently: safe to run on every ``make run``.

The content itself is data in each app's demo/ folder (see core/demo.py).
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles import demo as articles_demo
from authors import demo as authors_demo
from comments import demo as comments_demo
from dossiers import demo as dossiers_demo

DEMO_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Laadt demo-inhoud en een lokale beheerder (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "load_demo maakt een beheerder admin/admin aan en draait niet "
                "met de productie-instellingen."
            )
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "admin")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "email": "admin@localhost",
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(
            "Beheer: {site}/admin/  gebruiker: {user}  wachtwoord: {pw}".format(
                site=settings.SITE_URL,
                user=DEMO_ADMIN_USERNAME,
                pw=password if created else "(ongewijzigd; standaard 'admin')",
            )
        )
        self.load_content()

    def load_content(self):
        """Each app's demo data (its demo/ folder), lower layers first."""
        counts = {
            **authors_demo.load(),
            **dossiers_demo.load(),
            **articles_demo.load(),
            **comments_demo.load(),
        }
        self.stdout.write(
            "Demo-inhoud: {authors} auteurs, {themes} thema's, {dossiers} dossiers, "
            "{articles} artikelen, {reactions} reacties.".format(**counts)
        )
