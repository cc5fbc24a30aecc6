"""factory_boy factories shared by every test package.

Content is *published* (in the past) by default; use the traits for other
states::

    ArticleFactory()                 # published yesterday
    ArticleFactory(authors=[a, b])   # credited authors, in this order
    ArticleFactory(draft=True)       # status draft, no date
    ArticleFactory(scheduled=True)   # published status, date next week
    DossierFactory(themes=[theme])   # many-to-many via post_generation
    EditorFactory()                  # staff user in the "Redactie" group
    CommentFactory(item=article)     # an approved reaction; parent= for a reply

The one factory module of the suite: every test package imports from here.
"""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from factory.django import DjangoModelFactory

from articles.models import Article, ArticleAuthor, Kind
from authors.models import Author
from comments import rendering, trust
from comments.models import Comment, CommentStatus
from core.editors import EDITORS_GROUP, REVIEWERS_GROUP, set_display_name
from core.publishing import Status
from dossiers.models import (
    Dossier,
    DossierAuthor,
    DossierContact,
    DossierVersion,
    EffectiveElement,
    GoodExample,
    Reference,
    Theme,
)
from dossiers.services import publish_dossier


def _set_many(field_name):
    """post_generation hook: ``Factory(themes=[...])`` sets the relation."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field_name).set(extracted)

    return factory.PostGeneration(hook)


def _credit(model, item_field):
    """post_generation hook: ``Factory(authors=[a, b])`` credits them in order."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            model.objects.bulk_create(
                model(**{item_field: obj}, author=author, position=position)
                for position, author in enumerate(extracted)
            )

    return factory.PostGeneration(hook)


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Auteur {n}")
    slug = factory.Sequence(lambda n: f"auteur-{n}")
    role = "Adviseur"
    bio = "Schrijft over wat werkt in het sociaal domein."

    class Meta:
        model = Author


class PublishableFactory(DjangoModelFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    class Meta:
        abstract = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(
                lambda: timezone.now() + dt.timedelta(days=7)
            ),
        )


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    description = "Een thema om mee te testen."

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class DossierFactory(PublishableFactory):
    title = factory.Sequence(lambda n: f"Wat werkt bij onderwerp {n}")
    slug = factory.Sequence(lambda n: f"wat-werkt-bij-onderwerp-{n}")
    summary = "Een korte samenvatting van dit dossier."
    definition = "<p>Wat we onder dit vraagstuk verstaan.</p>"
    themes = _set_many("themes")
    authors = _credit(DossierAuthor, "dossier")
    contacts = _credit(DossierContact, "dossier")
    # A published (or scheduled) dossier gets its version 1 at its moment,
    # as the publish service gives it, with the credits above (declared
    # first: factory_boy runs post-generation hooks in order). Parts added
    # later are in the draft: publish them with ``publish_dossier`` (or
    # ``publish(dossier)``).
    version = factory.PostGeneration(
        lambda obj, create, extracted, **kw: (
            publish_dossier(dossier=obj, at=obj.published_at)
            if create and obj.status == Status.PUBLISHED and extracted is not False
            else None
        )
    )

    class Meta:
        model = Dossier
        skip_postgeneration_save = True


def publish(dossier, note="Bijgewerkt.", **kwargs) -> DossierVersion:
    """Publish the dossier's draft (with the parts added since) as a version."""
    return publish_dossier(dossier=dossier, note=note, **kwargs)


class EffectiveElementFactory(DjangoModelFactory):
    dossier = factory.SubFactory(DossierFactory)
    position = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Werkzaam element {n}")
    explanation = "<p>Waarom dit werkt.</p>"
    presumed = False

    class Meta:
        model = EffectiveElement


class GoodExampleFactory(DjangoModelFactory):
    dossier = factory.SubFactory(DossierFactory)
    position = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"Voorbeeld {n}")
    description = "Een korte beschrijving van het voorbeeld."
    organisation = "Stichting Voorbeeld"
    url = "https://example.org/voorbeeld"

    class Meta:
        model = GoodExample


class ReferenceFactory(DjangoModelFactory):
    dossier = factory.SubFactory(DossierFactory)
    position = factory.Sequence(int)
    authors = "Jansen, P., & De Vries, M."
    year = 2020
    title = factory.Sequence(lambda n: f"Onderzoek naar werkzame factoren {n}")
    kind = "article-journal"
    container_title = "Tijdschrift voor Sociale Vraagstukken"
    volume = "12"
    issue = "3"
    pages = "45-67"
    doi = ""

    class Meta:
        model = Reference


class ArticleFactory(PublishableFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    kind = Kind.ARTICLE
    lead = "Een inleiding van een of twee zinnen."
    body = "<p>De tekst van het artikel.</p>"
    themes = _set_many("themes")
    dossiers = _set_many("dossiers")
    authors = _credit(ArticleAuthor, "article")

    class Meta:
        model = Article
        skip_postgeneration_save = True


PASSWORD = "geheim-wachtwoord-123"


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)


class StaffUserFactory(UserFactory):
    is_staff = True


class EditorFactory(StaffUserFactory):
    """A staff member in the "Redactie" group (created by a migration)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def editors_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=EDITORS_GROUP))


class ReviewerFactory(EditorFactory):
    """An editor who is also in the "Beoordelaars" group: approves drafts."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def reviewers_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=REVIEWERS_GROUP))


def make_editor(*, display_name: str | None = "Christine de Vries, Movisie", **kwargs):
    """A staff member in the "Redactie" group (no superuser powers), with the
    display name readers see under their answers (None: not chosen yet)."""
    kwargs.setdefault("first_name", "Christine")
    kwargs.setdefault("last_name", "de Vries")
    user = EditorFactory(**kwargs)
    if display_name:
        set_display_name(user=user, name=display_name)
    return user


class CommentFactory(DjangoModelFactory):
    """An approved reader reaction on a new article, unless told otherwise.

    Pass ``item=`` for an article or dossier, ``parent=`` for a reply (it
    inherits the parent's item).
    """

    class Meta:
        model = Comment

    name = factory.Sequence(lambda n: f"Lezer {n}")
    email = factory.Sequence(lambda n: f"lezer{n}@example.nl")
    text = "Een vraag over deze aanpak."
    status = CommentStatus.APPROVED

    @classmethod
    def _create(cls, model_class, *args, item=None, **kwargs):
        parent = kwargs.get("parent")
        if parent is not None:
            kwargs.setdefault("article", parent.article)
            kwargs.setdefault("dossier", parent.dossier)
        elif item is not None:
            key = "article" if isinstance(item, Article) else "dossier"
            kwargs[key] = item
        elif "article" not in kwargs and "dossier" not in kwargs:
            kwargs["article"] = ArticleFactory()
        # As comment_submit does: a visitor's address hash, for their history.
        kwargs.setdefault(
            "email_hash",
            trust.writer_hash(
                email=kwargs.get("email", ""),
                is_staff_reply=kwargs.get("is_staff_reply", False),
            ),
        )
        comment = model_class.objects.create(*args, **kwargs)
        comment.assign_path()
        # As every write path does (comments.rendering).
        rendering.store_html(comment)
        return comment


def make_thread(item, size: int, *, texts=("Een vraag over deze aanpak.",)):
    """``size`` approved reactions on ``item`` in threads of five (a reaction
    and four replies, each answering the reaction or an earlier reply), in a
    few queries: ids drawn from the sequence first, so paths are known
    before the insert. Stored HTML as every write path leaves it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
            "FROM generate_series(1, %s)",
            [Comment._meta.db_table, size],
        )
        ids = [row[0] for row in cursor.fetchall()]
    key = "article" if isinstance(item, Article) else "dossier"
    made: list[Comment] = []
    for n, pk in enumerate(ids):
        start = n - n % 5
        parent = None if n == start else made[start + (n * 7) % (n - start)]
        made.append(
            Comment(
                pk=pk,
                **{key: item},
                parent=parent,
                path=[*(parent.path if parent else []), pk],
                name=f"Lezer {n}",
                email=f"lezer{n}@example.nl",
                email_hash=trust.writer_hash(email=f"lezer{n}@example.nl"),
                text=texts[n % len(texts)],
                status=CommentStatus.APPROVED,
            )
        )
    Comment.objects.bulk_create(made, batch_size=1000)
    for comment in made:
        comment.html, comment.html_key = rendering.html_for(comment)
    Comment.objects.bulk_update(made, ["html", "html_key"], batch_size=1000)
    return made
