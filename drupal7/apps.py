from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Drupal7Config(AppConfig):
    name = "drupal7"
    verbose_name = _("Drupal 7 import")
