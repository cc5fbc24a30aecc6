from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            manifest = restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Teruggezet: database en {len(manifest['files'])} bestanden uit {backup}"
        )
