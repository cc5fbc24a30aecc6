"""The kinds of item readers find, react to and search: one home for their names.

The value is the public URL segment (``/reacties/artikel/12/``, ``?soort=dossier``);
each content model names its kind in ``item_kind``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    ARTICLE = "artikel", _("article")
    DOSSIER = "dossier", _("dossier")
