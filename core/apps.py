from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app builds on: publishing, rich text, editors, caching, page meta.

    The lowest layer: it imports no other app of the project.
    """

    name = "core"
    verbose_name = "Basis"
