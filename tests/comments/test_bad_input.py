"""Every bad input gets a clear Dutch error, a 4xx status and stores nothing."""

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentStatus
from tests.factories import ArticleFactory, CommentFactory, DossierFactory

from .helpers import reaction_data, reply_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client(enforce_csrf_checks=True)


def form_html(visitor, url):
    response = visitor.get(url)
    assert response.status_code == 200
    return response.content.decode()


def assert_refused(response, message, *, status=400):
    html = response.content.decode()
    assert response.status_code == status
    assert message in html, html[html.find("form-errors") :][:800]
    assert not Comment.objects.filter(name="Ruud").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": ""}, "Schrijf uw reactie."),
        ({"text": "   \n\t  "}, "Schrijf uw reactie."),
        ({"text": "x" * 5001}, "niet meer dan 5000 tekens"),
        ({"name": "R" * 101}, "niet meer dan 100 tekens"),
        ({"name": ""}, "Vul uw naam in."),
        ({"email": "ruud@"}, "Vul een geldig e-mailadres in"),
        ({"email": ""}, "Vul uw e-mailadres in."),
        ({"text": "Hallo\x00wereld"}, "Null-tekens zijn niet toegestaan"),
        ({"text": "Hallo\x1b[31mwereld"}, "onzichtbare stuurtekens"),
        ({"name": "Ru\x07ud"}, "onzichtbare stuurtekens"),
        ({"email": "ruud@example.nl\r\nBcc: x@example.nl"}, "geldig e-mailadres"),
        ({"op": "999999"}, "bestaat niet (meer)"),
        ({"op": "abc"}, "bestaat niet (meer)"),
        ({"op": "0"}, "bestaat niet (meer)"),
    ],
)
def test_bad_field_is_refused_with_dutch_error(visitor, article, overrides, message):
    html = form_html(visitor, reply_url(article))
    response = visitor.post(reply_url(article), reaction_data(html, **overrides))
    assert_refused(response, message)


def test_error_keeps_everything_typed_and_links_the_error(visitor, article):
    html = form_html(visitor, reply_url(article))
    response = visitor.post(
        reply_url(article),
        reaction_data(html, email="geen-adres", text="Lange <b>tekst</b>\nregel 2"),
    )
    page = response.content.decode()
    assert_refused(response, "Vul een geldig e-mailadres in")
    assert 'value="Ruud"' in page
    assert 'value="geen-adres"' in page
    assert ">Lange &lt;b&gt;tekst&lt;/b&gt;\nregel 2</textarea>" in page
    assert 'aria-describedby="veld-email-uitleg veld-email-fout"' in page
    assert 'href="#veld-email"' in page


@pytest.mark.parametrize("status", [CommentStatus.PENDING, CommentStatus.REJECTED])
def test_reply_to_unapproved_reaction_is_refused(visitor, article, status):
    parent = CommentFactory(item=article, status=status)
    html = form_html(visitor, reply_url(article))
    response = visitor.post(reply_url(article), reaction_data(html, op=str(parent.pk)))
    assert_refused(response, "bestaat niet (meer)")
    assert visitor.get(reply_url(article, parent)).status_code == 404


def test_reply_to_reaction_on_another_item_is_refused(visitor, article):
    elsewhere = CommentFactory(item=ArticleFactory())
    html = form_html(visitor, reply_url(article))
    response = visitor.post(
        reply_url(article), reaction_data(html, op=str(elsewhere.pk))
    )
    assert_refused(response, "bestaat niet (meer)")
    assert visitor.get(reply_url(article, elsewhere)).status_code == 404


def test_reply_to_dossier_reaction_via_article_is_refused(visitor, article):
    on_dossier = CommentFactory(item=DossierFactory())
    html = form_html(visitor, reply_url(article))
    response = visitor.post(
        reply_url(article), reaction_data(html, op=str(on_dossier.pk))
    )
    assert_refused(response, "bestaat niet (meer)")


@pytest.mark.parametrize("op", ["abc", "-1", "1" * 40, "\uff11\uff12"])
def test_malformed_parent_in_the_address_is_not_found(visitor, article, op):
    assert visitor.get(reply_url(article) + f"?op={op}").status_code == 404


def test_missing_csrf_token_is_refused(article):
    visitor = Client(enforce_csrf_checks=True)
    html = form_html(visitor, reply_url(article))
    data = reaction_data(html)
    del data["csrfmiddlewaretoken"]
    response = visitor.post(reply_url(article), data)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_wrong_csrf_token_is_refused(article):
    visitor = Client(enforce_csrf_checks=True)
    html = form_html(visitor, reply_url(article))
    response = visitor.post(
        reply_url(article), reaction_data(html, csrfmiddlewaretoken="x" * 64)
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_draft_and_unknown_items_are_not_found(visitor):
    draft = ArticleFactory(status="draft", published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + timezone.timedelta(days=1))
    for item in (draft, scheduled):
        assert visitor.get(reply_url(item)).status_code == 404
        response = visitor.post(reply_url(item), reaction_data(""))
        # CSRF is checked first (403) for a post without a token; either way
        # nothing is stored and no 500 occurs.
        assert response.status_code in {403, 404}
    assert visitor.get("/reacties/artikel/999999/reageer/").status_code == 404
    assert visitor.get("/reacties/video/1/reageer/").status_code == 404
    assert not Comment.objects.exists()


def test_post_to_draft_with_valid_token_is_not_found(visitor, article):
    draft = ArticleFactory(status="draft", published_at=None)
    html = form_html(visitor, reply_url(article))
    response = visitor.post(reply_url(draft), reaction_data(html))
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_post_to_closed_item_is_refused(visitor, article):
    html = form_html(visitor, reply_url(article))
    article.reactions = "closed"
    article.save()
    response = visitor.post(
        reply_url(article), reaction_data(html, text="Mijn lange verhaal")
    )
    assert response.status_code == 403
    assert "Reageren op deze pagina is gesloten" in response.content.decode()
    assert ">Mijn lange verhaal</textarea>" in response.content.decode()
    assert not Comment.objects.exists()


def test_post_to_hidden_item_is_not_found(visitor, article):
    html = form_html(visitor, reply_url(article))
    article.reactions = "hidden"
    article.save()
    response = visitor.post(reply_url(article), reaction_data(html))
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_other_methods_are_refused(article):
    assert Client().delete(reply_url(article)).status_code == 405


def test_out_of_range_ids_are_not_found(visitor, article):
    huge = "9" * 30
    assert visitor.get(f"/reacties/artikel/{huge}/reageer/").status_code == 404
    assert visitor.get(f"/reacties/dossier/{huge}/formulier/").status_code == 404
    assert visitor.get(reply_url(article) + "?op=" + "9" * 18).status_code == 404
