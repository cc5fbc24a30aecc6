"""``manage.py import_drupal7 --source URL [--mapping FILE] [--files DIR]
[--dry-run] [--overwrite]``: import a Drupal 7 site (see the README).

Exit status 0 when every item came over (or was already here), 1 when any
item was skipped because it failed; the report names each with its Drupal id.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.progress import progress
from drupal7 import importer, mapping
from drupal7.reader import Reader
from drupal7.report import KIND_LABELS
from drupal7.source import SourceError, connect


class Command(BaseCommand):
    help = "Importeert een Drupal 7-site: artikelen, dossiers, reacties en adressen."

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="postgres://… of mysql://…")
        parser.add_argument("--mapping", type=Path, help="TOML-bestand (zie README)")
        parser.add_argument("--files", type=Path, help="de map public files van Drupal")
        parser.add_argument("--dry-run", action="store_true", help="niets schrijven")
        parser.add_argument(
            "--overwrite", action="store_true", help="ook wat hier is gewijzigd"
        )
        parser.add_argument("--table-prefix", default="", help="Drupals tabelprefix")
        parser.add_argument("--batch-size", type=int, default=importer.BATCH_SIZE)

    def handle(self, *args, **options):
        try:
            chosen = mapping.load(options["mapping"])
        except mapping.MappingError as error:
            raise CommandError(str(error)) from error
        files_dir = options["files"]
        if files_dir is not None and not files_dir.is_dir():
            raise CommandError(
                _("The files folder %(path)s does not exist.") % {"path": files_dir}
            )
        try:
            source = connect(options["source"], prefix=options["table_prefix"])
        except SourceError as error:
            raise CommandError(str(error)) from error
        try:
            missing = [
                t for t in ("node", "comment", "url_alias") if not source.has_table(t)
            ]
            if missing:
                raise CommandError(
                    _("This is not a Drupal 7 database: table %(table)s is missing.")
                    % {"table": source.table(missing[0])}
                )
            reader = Reader(source)
            with progress(
                total=reader.node_count(),
                label=str(KIND_LABELS["node"]),
                unit="node",
                stdout=self.stdout,
                verbosity=options["verbosity"],
            ) as step:
                report = importer.run(
                    reader,
                    importer.Options(
                        mapping=chosen,
                        files_dir=files_dir,
                        dry_run=options["dry_run"],
                        overwrite=options["overwrite"],
                        batch_size=options["batch_size"],
                        on_nodes=step,
                    ),
                )
        finally:
            source.close()
        for line in report.lines(dry_run=options["dry_run"]):
            self.stdout.write(line)
        if report.anything_skipped:
            raise SystemExit(1)
