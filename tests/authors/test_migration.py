"""The data migration: the old author and contact text fields become records."""

import pytest

from tests.migrations import latest, migrate

BEFORE = [
    ("articles", "0006_title_trigram_gist"),
    ("dossiers", "0007_title_trigram_gist"),
]
AFTER = [("articles", "0007_authors"), ("dossiers", "0008_authors")]


@pytest.mark.django_db(transaction=True)
def test_text_fields_become_authors_one_record_per_name():
    old = migrate(BEFORE)
    Dossier = old.get_model("dossiers", "Dossier")
    Article = old.get_model("articles", "Article")
    dossier = Dossier.objects.create(
        title="Wat werkt bij buren", slug="buren", contact="Sanne Verbeek"
    )
    Dossier.objects.create(title="Zonder", slug="zonder", contact="")
    first = Article.objects.create(title="Een", slug="een", author="Sanne  Verbeek")
    second = Article.objects.create(title="Twee", slug="twee", author="P. Jansen")

    new = migrate(AFTER)

    Author = new.get_model("authors", "Author")
    assert sorted(Author.objects.values_list("name", "slug")) == [
        ("P. Jansen", "p-jansen"),
        ("Sanne Verbeek", "sanne-verbeek"),
    ]
    sanne = Author.objects.get(name="Sanne Verbeek")
    credits = new.get_model("dossiers", "DossierAuthor").objects
    contacts = new.get_model("dossiers", "DossierContact").objects
    article_credits = new.get_model("articles", "ArticleAuthor").objects
    # The old "author or contact person" is both, on its own dossier only.
    assert list(credits.values_list("dossier_id", "author_id")) == [
        (dossier.pk, sanne.pk)
    ]
    assert list(contacts.values_list("dossier_id", "author_id")) == [
        (dossier.pk, sanne.pk)
    ]
    assert sorted(article_credits.values_list("article_id", "author__name")) == [
        (first.pk, "Sanne Verbeek"),
        (second.pk, "P. Jansen"),
    ]

    # And back: the names return to the text fields.
    old = migrate(BEFORE)
    assert old.get_model("dossiers", "Dossier").objects.get(slug="buren").contact == (
        "Sanne Verbeek"
    )
    assert old.get_model("articles", "Article").objects.get(slug="twee").author == (
        "P. Jansen"
    )
    migrate(latest())
