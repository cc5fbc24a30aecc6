from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from movisie_site.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database (pg_dump) en de geüploade bestanden "
        "in een nieuwe map onder DOEL."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", metavar="DOEL", type=Path)

    def handle(self, *args, target, **options):
        target.mkdir(parents=True, exist_ok=True)
        try:
            folder = make_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up gemaakt: {folder}")
