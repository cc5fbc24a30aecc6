"""An editor who wrote the item answers a reader: marked as its author."""

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.helpers import reaction_data, reply_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    DossierFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


def answer(item, editor, text):
    question = CommentFactory(item=item, name="Ruud")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    form = client.get(reply_url(item, question)).content.decode()
    response = client.post(reply_url(item), reaction_data(form, text=text))
    assert response.status_code == 302
    comment = Comment.objects.get(text=text)
    page = Client().get(item.get_absolute_url()).content.decode()
    start = page.index(f'id="reactie-{comment.pk}"')
    return page[start : start + 700]


@pytest.mark.parametrize(
    ("factory", "badge"),
    [
        (DossierFactory, "auteur van dit dossier"),
        (ArticleFactory, "auteur van dit artikel"),
    ],
)
def test_author_reaction_carries_both_marks(factory, badge):
    editor = make_editor()
    item = factory(authors=[AuthorFactory(user=editor)])
    block = answer(item, editor, "Goede vraag, dank u.")
    assert '<span class="badge">redactie</span>' in block
    assert f'<span class="badge badge--author">{badge}</span>' in block


def test_other_editors_and_contact_persons_get_only_the_editorial_mark():
    writer, colleague = make_editor(), make_editor(username="collega")
    item = DossierFactory(
        authors=[AuthorFactory(user=writer)], contacts=[AuthorFactory(user=colleague)]
    )
    block = answer(item, colleague, "Ik zoek het voor u uit.")
    assert '<span class="badge">redactie</span>' in block
    assert "auteur van dit" not in block


def test_a_visitor_with_the_authors_name_gets_no_mark():
    item = ArticleFactory(authors=[AuthorFactory(name="Ruud")])
    CommentFactory(item=item, name="Ruud", text="Ik ben het echt.")
    page = Client().get(item.get_absolute_url()).content.decode()
    assert "Ik ben het echt." in page
    assert "auteur van dit" not in page
