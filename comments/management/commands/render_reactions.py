"""Store every reaction's HTML again (comments/rendering.py).

Needed after a release that changes the reaction template, the render code
(RENDER_VERSION), LANGUAGE_CODE or TIME_ZONE: until then such reactions are
rendered on the fly, which is correct but slower. By default only rows whose
stored HTML is missing or out of date; ``--all`` does every row. Safe to run
at any time, and more than once.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q

from comments.models import Comment
from comments.rendering import current_key, store_html_for
from core.progress import progress


class Command(BaseCommand):
    help = "Slaat de HTML van reacties opnieuw op (na een nieuwe reactie-template)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Alle reacties, niet alleen verouderde."
        )

    def handle(self, *args, **options):
        comments = Comment.objects.all()
        if not options["all"]:
            comments = comments.filter(~Q(html_key=current_key()))
        with progress(
            total=comments.count(),
            label="Reacties",
            unit="reactie",
            stdout=self.stdout,
            verbosity=options["verbosity"],
        ) as step:
            done = store_html_for(comments, on_each=step)
        if options["verbosity"] > 0:
            self.stdout.write(f"{done} reacties opnieuw opgeslagen.")
