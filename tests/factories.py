"""factory_boy factories shared by every test package.

Content is *published* (in the past) by default; use the traits for other
states::

    ArticleFactory()                 # published yesterday
    ArticleFactory(draft=True)       # status draft, no date
    ArticleFactory(scheduled=True)   # published status, date next week
    DossierFactory(themes=[theme])   # many-to-many via post_generation
    EditorFactory()                  # staff user in the "Redactie" group
"""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from articles.models import Article, Kind
from dossiers.models import (
    Dossier,
    DossierVersion,
    EffectiveElement,
    GoodExample,
    Reference,
    Theme,
)
from dossiers.services import publish_dossier
from movisie_site.editors import EDITORS_GROUP
from movisie_site.publishing import Status


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
    # A published (or scheduled) dossier gets its version 1 at its moment,
    # as the publish service gives it. Parts added later are in the draft:
    # publish them with ``publish_dossier`` (or ``publish(dossier)``).
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
    source = "Tijdschrift voor Sociale Vraagstukken, 12(3), 45-67"
    doi = ""

    class Meta:
        model = Reference


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


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("geheim-wachtwoord-123")

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
