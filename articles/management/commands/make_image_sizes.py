from django.core.management.base import BaseCommand

from articles.images import store_image_sizes
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Make the list and page sizes of every article image that lacks them "
        "(images stored before sizes existed, or after a restore without them)."
    )

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.exclude(image="").iterator():
            store_image_sizes(article=article)
            count += 1
        self.stdout.write(f"{count} afbeeldingen nagelopen.")
