from django.core.management.base import BaseCommand

from articles.images import store_image_sizes
from articles.models import Article
from core.progress import progress


class Command(BaseCommand):
    help = (
        "Make the list and page sizes of every article image that lacks them "
        "(images stored before sizes existed, or after a restore without them)."
    )

    def handle(self, *args, **options):
        articles = Article.objects.exclude(image="")
        count = 0
        with progress(
            total=articles.count(),
            label="Afbeeldingen",
            unit="afbeelding",
            stdout=self.stdout,
            verbosity=options["verbosity"],
        ) as step:
            for article in articles.iterator():
                store_image_sizes(article=article)
                count += 1
                step()
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} afbeeldingen nagelopen.")
