from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.progress import progress
from movisie_site.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van backup_site terug in een lege database en opslag "
        "(eerst migreren is niet nodig; daarna wel, bij een nieuwere versie)."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", metavar="BACK-UP", type=Path)

    def handle(self, *args, backup, **options):
        try:
            with progress(
                total=None,
                label="Bestanden",
                unit="bestand",
                stdout=self.stdout,
                verbosity=options["verbosity"],
            ) as step:
                manifest = restore_backup(backup, on_file=step)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Teruggezet: database en {len(manifest['files'])} bestanden uit {backup}"
        )
