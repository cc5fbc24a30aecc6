"""Factories for the reactions tests (the content branch has tests/factories.py)."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, CommentStatus
from dossiers.models import Dossier
from dossiers.services import publish_dossier


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Wat werkt bij thema {n}")
    slug = factory.Sequence(lambda n: f"dossier-{n}")
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    # Readers read a dossier's published version (see tests/factories.py).
    version = factory.PostGeneration(
        lambda obj, create, extracted, **kw: (
            publish_dossier(dossier=obj, at=obj.published_at)
            if create and obj.status == "published"
            else None
        )
    )


class CommentFactory(factory.django.DjangoModelFactory):
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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_editor(**kwargs):
    """A staff member in the "Redactie" group (no superuser powers)."""
    user = UserFactory(
        is_staff=True, first_name="Christine", last_name="de Vries", **kwargs
    )
    user.groups.add(Group.objects.get(name="Redactie"))
    return user
