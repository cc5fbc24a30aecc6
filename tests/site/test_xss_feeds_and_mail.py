"""Stored script in content and reactions stays inert in feeds and e-mails."""

import feedparser
import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.comments.helpers import reaction_data, reply_url
from tests.factories import (
    ArticleFactory,
    DossierFactory,
    ThemeFactory,
    publish,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMG = "<img src=x onerror=alert(1)>"


def test_script_in_titles_leads_and_revision_notes_is_escaped_in_every_feed():
    theme = ThemeFactory(name=f"Thema {SCRIPT}")
    dossier = DossierFactory(title=f"Dossier {SCRIPT}", themes=[theme])
    ArticleFactory(
        title=f"Artikel {SCRIPT}",
        lead=f"Inleiding {IMG}",
        themes=[theme],
        dossiers=[dossier],
    )
    publish(dossier, note=f"Bijgewerkt {SCRIPT}")
    urls = []
    for name, kwargs in [
        ("articles", {}),
        ("theme", {"slug": theme.slug}),
        ("dossier", {"slug": dossier.slug}),
        ("revisions", {}),
    ]:
        urls += [
            reverse(f"feeds:{name}", kwargs=kwargs),
            reverse(f"feeds:{name}-rss", kwargs=kwargs),
        ]
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        xml = response.content.decode()
        # The markup is there as text (escaped), never as markup.
        assert "<script" not in xml, url
        assert "<img" not in xml, url
        assert "&lt;script&gt;" in xml or "&amp;lt;script" in xml, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.entries, url


def test_script_in_a_reaction_and_a_title_stays_inert_in_the_moderator_mail(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MODERATOR_EMAILS = ["moderator@movisie.example"]
    settings.COMMENTS_MODERATOR_DIGEST = False
    article = ArticleFactory(title=f"Titel {SCRIPT}\r\nBcc: evil@example.com")
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.77")
    url = reply_url(article)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            reaction_data(
                client.get(url).content.decode(), name=f"Ruud {SCRIPT}", text=IMG
            ),
        )
    assert response.status_code == 302
    assert Comment.objects.get().text == IMG  # stored as typed, shown as text
    (message,) = mailoutbox
    # No header injection through the title in the subject.
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert not message.bcc
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert not any(line.lower().startswith("bcc:") for line in headers.splitlines())
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
