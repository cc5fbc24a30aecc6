"""Security checks a reader, a bot or an outsider would run against the site.

- Stored XSS: script in every reaction field and every content field comes
  out escaped (or sanitised, for rich text) on the public pages and in the
  admin (feeds and e-mails: tests/site/test_xss_feeds_and_mail.py).
- CSRF is enforced on the reaction form, also for a foreign Origin.
- The admin needs a staff login; drafts and scheduled items are not
  reachable by URL; no ``next=`` parameter redirects off the site.
- The production security headers are on every page type, served by
  gunicorn with the production settings.
"""

from urllib.parse import quote, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentStatus
from scripts.prodserver import production_server
from scripts.visitor import HttpVisitor, filled_form, reaction_form_fields, solve
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    DossierFactory,
    EditorFactory,
    EffectiveElementFactory,
    GoodExampleFactory,
    ReferenceFactory,
    ThemeFactory,
    UserFactory,
)

# What must never reach a browser as markup. Each probe is what a page would
# contain if the payload were output unescaped.
PAYLOAD = (
    '<script>alert("xss")</script><img src=x onerror=alert(1)>'
    '"\'><svg/onload=alert(2)> https://example.org/"onmouseover="alert(3)'
)
RAW_PROBES = [
    '<script>alert("xss")',
    "<img src=x onerror",
    "<svg/onload",
    '"onmouseover="alert',
    'href="javascript:',
]
RICH_PAYLOAD = (
    '<p>Veilig<script>alert("xss")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(4)">klik</a></p>'
)


def assert_escaped(html: str, where: str, *, rendered: bool = True) -> None:
    for probe in RAW_PROBES:
        assert probe not in html, f"{where}: unescaped {probe!r}"
    if rendered:
        # The payload was shown (escaped), so the check above meant something.
        assert "&lt;script&gt;alert(" in html, f"{where}: payload not shown"


@pytest.fixture
def hostile_content(db):
    theme = ThemeFactory(name="Thema " + PAYLOAD[:80], description=PAYLOAD)
    dossier = DossierFactory(
        title="Dossier " + PAYLOAD[:150],
        summary=PAYLOAD,
        contacts=[AuthorFactory(name=PAYLOAD[:200])],
        definition=RICH_PAYLOAD,
        themes=[theme],
    )
    EffectiveElementFactory(
        dossier=dossier, title=PAYLOAD[:200], explanation=RICH_PAYLOAD
    )
    GoodExampleFactory(
        dossier=dossier,
        name=PAYLOAD[:200],
        description=PAYLOAD,
        organisation=PAYLOAD[:200],
        url='https://example.org/"onmouseover="alert(5)',
    )
    ReferenceFactory(
        dossier=dossier, authors=PAYLOAD[:200], title=PAYLOAD, source=PAYLOAD[:200]
    )
    article = ArticleFactory(
        title="Artikel " + PAYLOAD[:150],
        lead=PAYLOAD,
        authors=[AuthorFactory(name=PAYLOAD[:200])],
        body=RICH_PAYLOAD,
        themes=[theme],
        dossiers=[dossier],
    )
    parent = CommentFactory(item=article, name=PAYLOAD[:100], text=PAYLOAD)
    CommentFactory(parent=parent, name=PAYLOAD[:100], text=PAYLOAD)
    CommentFactory(item=dossier, name=PAYLOAD[:100], text=PAYLOAD)
    pending = CommentFactory(
        item=article,
        name=PAYLOAD[:100],
        email="x@example.nl",
        text=PAYLOAD,
        status=CommentStatus.PENDING,
    )
    return {
        "theme": theme,
        "dossier": dossier,
        "article": article,
        "parent": parent,
        "pending": pending,
    }


def public_pages(content):
    article, dossier, parent = content["article"], content["dossier"], content["parent"]
    reply = reverse("comments:reply", kwargs={"kind": "artikel", "pk": article.pk})
    return {
        "home": "/",
        "dossier index": reverse("dossiers:index"),
        "dossier": dossier.get_absolute_url(),
        "theme": content["theme"].get_absolute_url(),
        "article index": reverse("articles:index"),
        "article": article.get_absolute_url(),
        "reaction page (reply)": f"{reply}?op={parent.pk}",
        "form fragment (reply)": reverse(
            "comments:form", kwargs={"kind": "artikel", "pk": article.pk}
        )
        + f"?op={parent.pk}",
        "received": reverse(
            "comments:received", kwargs={"kind": "artikel", "pk": article.pk}
        ),
    }


def test_stored_script_is_escaped_on_every_public_page(hostile_content):
    client = Client()
    for name, path in public_pages(hostile_content).items():
        response = client.get(path)
        assert response.status_code == 200, (name, path)
        html = response.content.decode()
        assert_escaped(html, name, rendered=name != "received")
    # Rich text keeps its harmless part and loses the rest.
    html = client.get(hostile_content["article"].get_absolute_url()).content.decode()
    assert "Veilig" in html
    assert "javascript:" not in html


@pytest.mark.parametrize("factory", [GoodExampleFactory, ReferenceFactory])
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>"]
)
def test_editors_cannot_save_a_script_link(db, factory, url):
    """Links are output as given, so the admin's validation is what stops a
    ``javascript:`` link (the database itself would take one)."""
    item = factory.build(dossier=DossierFactory(), url=url)
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "url" in refused.value.message_dict


def test_typed_script_is_escaped_when_the_form_comes_back(hostile_content):
    client = Client(enforce_csrf_checks=True)
    url = reverse(
        "comments:reply",
        kwargs={"kind": "artikel", "pk": hostile_content["article"].pk},
    )
    html = client.get(url).content.decode()
    data = filled_form(html, name=PAYLOAD[:100], email=PAYLOAD[:60], text=PAYLOAD)
    data["answer"] = "999"  # wrong: the form comes back with everything typed

    response = client.post(url, data)

    assert response.status_code == 400
    assert_escaped(response.content.decode(), "form with errors")


def test_stored_script_is_escaped_in_the_admin(hostile_content):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    pages = {
        "reactions": "/admin/comments/comment/",
        "pending reaction": reverse(
            "admin:comments_comment_change", args=[hostile_content["pending"].pk]
        ),
        "articles": "/admin/articles/article/",
        "article": reverse(
            "admin:articles_article_change", args=[hostile_content["article"].pk]
        ),
        "dossiers": "/admin/dossiers/dossier/",
        "dossier": reverse(
            "admin:dossiers_dossier_change", args=[hostile_content["dossier"].pk]
        ),
        "themes": "/admin/dossiers/theme/",
    }
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, (name, path)
        assert_escaped(response.content.decode(), f"admin {name}")


def test_reaction_post_needs_csrf_token_and_same_origin(hostile_content):
    article = hostile_content["article"]
    url = reverse("comments:reply", kwargs={"kind": "artikel", "pk": article.pk})
    before = Comment.objects.count()
    for headers, drop_token in [
        ({}, True),  # no token at all
        ({"HTTP_ORIGIN": "https://evil.example"}, False),
        # Over HTTPS without an Origin header, Django checks the Referer.
        ({"secure": True, "HTTP_REFERER": "https://evil.example/"}, False),
        ({"secure": True}, False),  # and requires one
    ]:
        client = Client(enforce_csrf_checks=True)
        html = client.get(url).content.decode()
        data = filled_form(html, name="Ruud", email="ruud@example.nl", text="Hallo")
        if drop_token:
            del data["csrfmiddlewaretoken"]
        response = client.post(url, data, **headers)
        assert response.status_code == 403, headers
    assert Comment.objects.count() == before


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/comments/comment/",
        "/admin/articles/article/add/",
        "/admin/dossiers/dossier/",
        "/admin/auth/user/",
    ],
)
def test_admin_needs_a_staff_login(db, path):
    anonymous = Client()
    reader = Client()
    reader.force_login(UserFactory(is_staff=False))
    for client in (anonymous, reader):
        response = client.get(path)
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == "/admin/login/"
    editor = Client()
    editor.force_login(EditorFactory())
    assert editor.get("/admin/").status_code == 200


def test_drafts_and_scheduled_items_are_not_reachable_by_url(db):
    hidden = [
        ArticleFactory(draft=True),
        ArticleFactory(scheduled=True),
        DossierFactory(draft=True),
        DossierFactory(scheduled=True),
    ]
    client = Client()
    for item in hidden:
        kind = "dossier" if item._meta.model_name == "dossier" else "artikel"
        for path in (
            item.get_absolute_url(),
            reverse("comments:reply", kwargs={"kind": kind, "pk": item.pk}),
            reverse("comments:form", kwargs={"kind": kind, "pk": item.pk}),
        ):
            assert client.get(path).status_code == 404, path
    listing = client.get(reverse("articles:index")).content.decode()
    listing += client.get(reverse("dossiers:index")).content.decode()
    listing += client.get("/").content.decode()
    for item in hidden:
        assert item.title not in listing


EVIL_NEXTS = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    " https://evil.example",
    "javascript:alert(1)",
    "/%2F%2Fevil.example",
    "http://127.0.0.1@evil.example/",
]


def _off_site(location: str) -> bool:
    parts = urlsplit(location.strip().replace("\\", "/"))
    return bool(parts.netloc and parts.netloc not in {"testserver"}) or (
        parts.scheme not in {"", "http", "https"}
    )


@pytest.mark.parametrize("evil", EVIL_NEXTS)
def test_no_open_redirect_through_next(db, evil):
    UserFactory(username="redacteur", is_staff=True)
    # Admin login, with the parameter in the address and in the form.
    client = Client()
    page = client.get(f"/admin/login/?next={quote(evil)}")
    assert page.status_code == 200
    response = client.post(
        f"/admin/login/?next={quote(evil)}",
        {
            "username": "redacteur",
            "password": "geheim-wachtwoord-123",
            "next": evil,
        },
    )
    assert response.status_code == 302
    assert not _off_site(response["Location"]), response["Location"]
    # Admin logout.
    response = client.post(f"/admin/logout/?next={quote(evil)}", {"next": evil})
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert not _off_site(response["Location"]), response["Location"]
    # Our own views take no next/return address; adding one changes nothing.
    article = ArticleFactory()
    for path in (
        "/",
        article.get_absolute_url(),
        reverse("comments:reply", kwargs={"kind": "artikel", "pk": article.pk}),
    ):
        response = client.get(f"{path}?next={quote(evil)}")
        assert response.status_code == 200, path
    visitor = Client(enforce_csrf_checks=True)
    url = reverse("comments:reply", kwargs={"kind": "artikel", "pk": article.pk})
    html = visitor.get(url).content.decode()
    data = {**reaction_form_fields(html), "answer": solve(html), "next": evil}
    data.update(name="Ruud", email="ruud@example.nl", text="Prima stuk.")
    response = visitor.post(f"{url}?next={quote(evil)}", data)
    assert response.status_code == 302
    assert not _off_site(response["Location"]), response["Location"]


# --- Production headers, from gunicorn with the production settings --------


def _url_for(settings_dict) -> str:
    return "postgres://{user}@{host}{port}/{name}".format(
        user=settings_dict["USER"],
        host=quote(settings_dict["HOST"], safe=""),
        port=f":{settings_dict['PORT']}" if settings_dict["PORT"] else "",
        name=settings_dict["NAME"],
    )


@pytest.fixture(scope="module")
def gunicorn(embedded_database_url, django_db_setup, django_db_blocker):
    from django.db import connection

    with production_server(_url_for(connection.settings_dict), workers=1) as base:
        yield base


@pytest.mark.django_db(transaction=True)
def test_production_security_headers_on_every_page_type(gunicorn):
    theme = ThemeFactory()
    dossier = DossierFactory(themes=[theme])
    article = ArticleFactory(themes=[theme], dossiers=[dossier])
    parent = CommentFactory(item=article)
    kwargs = {"kind": "artikel", "pk": article.pk}
    visitor = HttpVisitor()
    home = visitor.get(gunicorn + "/").text
    start = home.index("/static/css/site.")
    stylesheet = home[start : home.index('"', start)]
    pages = {
        "home": ("/", 200),
        "dossier index": (reverse("dossiers:index"), 200),
        "dossier": (dossier.get_absolute_url(), 200),
        "theme": (theme.get_absolute_url(), 200),
        "article index": (reverse("articles:index"), 200),
        "article": (article.get_absolute_url(), 200),
        "reaction page": (reverse("comments:reply", kwargs=kwargs), 200),
        "form fragment": (
            reverse("comments:form", kwargs=kwargs) + f"?op={parent.pk}",
            200,
        ),
        "received": (reverse("comments:received", kwargs=kwargs), 200),
        "not found": ("/bestaat-niet/", 404),
        "admin login": ("/admin/login/", 200),
        "admin (redirect)": ("/admin/", 302),
        "health check": ("/healthz", 200),
        "static file": (stylesheet, 200),
    }
    problems = []
    for name, (path, status) in pages.items():
        response = visitor.get(gunicorn + path)
        headers = {k.lower(): v for k, v in response.headers.items()}
        csp = headers.get("content-security-policy", "")
        expected = {
            "status": response.status == status,
            "CSP default-src 'none'": "default-src 'none'" in csp,
            "CSP without unsafe-inline": csp and "unsafe-inline" not in csp,
            "CSP without unsafe-eval": "unsafe-eval" not in csp,
            "CSP frame-ancestors 'none'": "frame-ancestors 'none'" in csp,
            "HSTS one year": headers.get("strict-transport-security", "").startswith(
                "max-age=31536000"
            ),
            "nosniff": headers.get("x-content-type-options") == "nosniff",
            "Referrer-Policy": headers.get("referrer-policy") == "same-origin",
            # Static files are served by WhiteNoise before Django's clickjacking
            # middleware; CSP frame-ancestors 'none' covers them instead.
            "X-Frame-Options": name == "static file"
            or headers.get("x-frame-options") == "DENY",
            "Permissions-Policy": "camera=()" in headers.get("permissions-policy", ""),
            "COOP": headers.get("cross-origin-opener-policy") == "same-origin",
        }
        if name != "static file":
            # Pages hold nothing a shared cache may keep beyond the reader's.
            expected["no server banner"] = "server" not in headers or (
                "python" not in headers["server"].lower()
            )
        problems += [f"{name}: {check}" for check, ok in expected.items() if not ok]
    assert not problems, "\n".join(problems)
