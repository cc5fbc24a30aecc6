"""Carrying the old text fields (article "author", dossier "contact") over to
author records, for the data migrations articles 0007 and dossiers 0008.

Works on the historical models the migrations pass in. Same name (after
collapsing white space), one record: a name in both an article and a dossier
becomes one author. A field is not split on "en" or commas: "Jansen, P." is
one person, and a wrong split is worse than a record an editor splits by hand.
"""

from .services import unique_slug


def author_for_name(Author, name: str):
    name = " ".join(name.split())
    author = Author.objects.filter(name=name).order_by("pk").first()
    if author is None:
        slug = unique_slug(name, lambda s: Author.objects.filter(slug=s).exists())
        author = Author.objects.create(name=name, slug=slug)
    return author


def carry_over(Author, Item, Credit, *, text_field: str, item_field: str) -> None:
    """One credit (position 0) per item whose ``text_field`` names someone."""
    items = Item.objects.exclude(**{text_field: ""}).only("pk", text_field)
    for item in items.iterator():
        name = getattr(item, text_field).strip()
        if name:
            Credit.objects.get_or_create(
                **{item_field: item}, author=author_for_name(Author, name)
            )


def carry_back(Item, Credit, *, text_field: str, item_field: str) -> None:
    """Reverse: the credited names, comma-separated, back into the text field."""
    names: dict[int, list[str]] = {}
    credits = Credit.objects.select_related("author").order_by("position", "id")
    for credit in credits:
        names.setdefault(getattr(credit, f"{item_field}_id"), []).append(
            credit.author.name
        )
    for pk, item_names in names.items():
        value = ", ".join(item_names)[:200]
        Item.objects.filter(pk=pk).update(**{text_field: value})
