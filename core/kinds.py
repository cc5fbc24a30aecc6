"""The kinds of item readers find, react to and search: one home for their names.

The value is the public URL segment (``/reacties/artikel/12/``, ``?soort=dossier``);
each content model names its kind in ``item_kind``. A row that belongs to one
item (a reaction, a thread's counts, a search entry) has a nullable link per
kind, named in ``ITEM_FIELDS``, and ``exactly_one_item`` as its constraint.
"""

import functools
import operator

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    ARTICLE = "artikel", _("article")
    DOSSIER = "dossier", _("dossier")


# The field of a per-item row that points at an item of each kind.
ITEM_FIELDS = {ItemKind.ARTICLE: "article", ItemKind.DOSSIER: "dossier"}


def exactly_one_item(name: str, **kwargs) -> models.CheckConstraint:
    """The constraint of a per-item row: exactly one of its ``ITEM_FIELDS``
    is set (``kwargs``: e.g. ``violation_error_message``)."""
    fields = ITEM_FIELDS.values()
    condition = functools.reduce(
        operator.or_,
        (
            Q(**{f"{other}__isnull": other != field for other in fields})
            for field in fields
        ),
    )
    return models.CheckConstraint(condition=condition, name=name, **kwargs)
