"""The items reactions belong to (articles and dossiers), by kind."""

from django.urls import reverse

from articles.models import Article
from core.kinds import ITEM_FIELDS, ItemKind
from dossiers.models import Dossier

# Each kind of item; the field that points at it is ITEM_FIELDS' (core.kinds).
ITEM_MODELS = {ItemKind.ARTICLE: Article, ItemKind.DOSSIER: Dossier}


def item_field(item) -> str:
    """The Comment field that points at ``item``'s model."""
    kind = getattr(item, "item_kind", None)
    if kind not in ITEM_FIELDS:
        raise TypeError(f"{type(item).__name__} does not take reactions.")
    return ITEM_FIELDS[kind]


def item_model(kind: str):
    """The model of an item kind ("artikel"), None for an unknown kind."""
    return ITEM_MODELS.get(kind)


def reply_url(item, parent_id: int | None = None) -> str:
    url = reverse("comments:reply", kwargs={"kind": item.item_kind, "pk": item.pk})
    return f"{url}?op={parent_id}" if parent_id else url
