"""factory_boy factories shared by every test package.

Content is *published* (in the past) by default; use the traits for other
states::

    ArticleFactory()                 # published yesterday
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
from django.utils import timezone
from factory.django import DjangoModelFactory

from articles.models import Article, Kind
from comments.models import Comment, CommentStatus
from core.editors import EDITORS_GROUP
from core.publishing import Status
from dossiers.models import (
    Dossier,
    DossierRevision,
    EffectiveElement,
    GoodExample,
    Reference,
    Theme,
)


def _set_many(field_name):
    """post_generation hook: ``Factory(themes=[...])`` sets the relation."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field_name).set(extracted)

    return factory.PostGeneration(hook)


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
    contact = "A. Auteur"
    definition = "<p>Wat we onder dit vraagstuk verstaan.</p>"
    themes = _set_many("themes")

    class Meta:
        model = Dossier
        skip_postgeneration_save = True


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
    source = "Tijdschrift voor Sociale Vraagstukken, 12(3), 45-67"
    doi = ""

    class Meta:
        model = Reference


class DossierRevisionFactory(DjangoModelFactory):
    dossier = factory.SubFactory(DossierFactory)
    revised_on = factory.LazyFunction(lambda: timezone.localdate())
    note = "Cijfers bijgewerkt."

    class Meta:
        model = DossierRevision


class ArticleFactory(PublishableFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    kind = Kind.ARTICLE
    lead = "Een inleiding van een of twee zinnen."
    body = "<p>De tekst van het artikel.</p>"
    author = "Redactie"
    themes = _set_many("themes")
    dossiers = _set_many("dossiers")

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


def make_editor(**kwargs):
    """A staff member in the "Redactie" group (no superuser powers)."""
    kwargs.setdefault("first_name", "Christine")
    kwargs.setdefault("last_name", "de Vries")
    return EditorFactory(**kwargs)


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
        comment = model_class.objects.create(*args, **kwargs)
        comment.assign_path()
        return comment
