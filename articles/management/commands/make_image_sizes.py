from itertools import chain

from django.core.management.base import BaseCommand

from articles.models import Article
from core.images import store_image_sizes
from core.progress import progress
from dossiers.models import Dossier


class Command(BaseCommand):
    help = (
        "Make the list and page sizes of every article and dossier image that "
        "lacks them (images stored before sizes existed, or after a restore "
        "without them)."
    )

    def handle(self, *args, **options):
        illustrated = [
            Article.objects.exclude(image=""),
            Dossier.objects.exclude(image=""),
        ]
        count = 0
        with progress(
            total=sum(items.count() for items in illustrated),
            label="Afbeeldingen",
            unit="afbeelding",
            stdout=self.stdout,
            verbosity=options["verbosity"],
        ) as step:
            for item in chain.from_iterable(items.iterator() for items in illustrated):
                store_image_sizes(item=item)
                count += 1
                step()
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} afbeeldingen nagelopen.")
