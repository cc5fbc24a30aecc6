"""Readers never see drafts or scheduled items; staff preview them."""

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.factories import ArticleFactory, DossierFactory, EditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["article", "dossier"])
def make_item(request):
    return {"article": ArticleFactory, "dossier": DossierFactory}[request.param]


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory())
    return client


def test_readers_see_a_published_item(client, make_item):
    item = make_item(title="Zichtbaar voor iedereen")
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Zichtbaar voor iedereen" in response.content.decode()
    assert "Voorbeeld:" not in response.content.decode()


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_readers_get_a_404_for_drafts_and_scheduled_items(client, make_item, state):
    item = make_item(**{state: True})
    response = client.get(item.get_absolute_url())
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.parametrize(
    ("state", "banner"),
    [
        ("draft", "concept, lezers kunnen dit nog niet zien"),
        ("scheduled", "ingepland, lezers zien dit vanaf"),
    ],
)
def test_staff_preview_drafts_and_scheduled_items_with_a_banner(
    editor_client, make_item, state, banner
):
    item = make_item(title="Nog niet af", **{state: True})
    response = editor_client.get(item.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nog niet af" in body
    assert "Voorbeeld:" in body
    assert banner in body


def test_admin_view_on_site_leads_staff_to_the_draft_preview(editor_client, make_item):
    item = make_item(draft=True)
    content_type = ContentType.objects.get_for_model(item)
    response = editor_client.get(f"/admin/r/{content_type.pk}/{item.pk}/", follow=True)
    assert response.redirect_chain[-1][0].endswith(item.get_absolute_url())
    assert response.status_code == 200
    assert "Voorbeeld:" in response.content.decode()


def test_lists_never_show_drafts_or_scheduled_items(client):
    dossier = DossierFactory(title="Gepubliceerd dossier")
    DossierFactory(title="Conceptdossier", draft=True)
    DossierFactory(title="Ingepland dossier", scheduled=True)
    ArticleFactory(title="Gepubliceerd artikel", dossiers=[dossier])
    ArticleFactory(title="Conceptartikel", draft=True, dossiers=[dossier])
    ArticleFactory(title="Ingepland artikel", scheduled=True, dossiers=[dossier])
    for url in ["/", "/dossiers/", "/artikelen/", dossier.get_absolute_url()]:
        body = client.get(url).content.decode()
        for hidden in ("Conceptdossier", "Ingepland dossier"):
            assert hidden not in body, (url, hidden)
        for hidden in ("Conceptartikel", "Ingepland artikel"):
            assert hidden not in body, (url, hidden)
    assert "Gepubliceerd artikel" in client.get("/artikelen/").content.decode()


def test_a_scheduled_article_appears_by_itself_when_its_time_comes(client):
    import datetime as dt

    from django.utils import timezone

    article = ArticleFactory(scheduled=True)
    assert client.get(article.get_absolute_url()).status_code == 404
    article.published_at = timezone.now() - dt.timedelta(seconds=1)
    article.save(update_fields=["published_at"])
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_article_page_does_not_link_to_a_draft_dossier_for_readers(client):
    draft_dossier = DossierFactory(title="Geheim dossier", draft=True)
    article = ArticleFactory(dossiers=[draft_dossier])
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Geheim dossier" not in body
    assert draft_dossier.get_absolute_url() not in body
