from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.progress import progress
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
            with progress(
                total=None,
                label="Bestanden",
                unit="bestand",
                stdout=self.stdout,
                verbosity=options["verbosity"],
            ) as step:
                folder = make_backup(target, on_file=step)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up gemaakt: {folder}")
