"""Two app servers on one PostgreSQL: any server can answer any request.

Two gunicorn instances (production settings, one worker each, different
ports) share the test database, as two containers behind a load balancer
would. The arithmetic questions and the rate limits live
in PostgreSQL, so a visitor whose requests are spread over both servers
notices nothing, and a bot gains nothing by switching servers. Uploads live
in one S3-compatible bucket (a real SeaweedFS here), so an image uploaded
through one server is on the pages of the other.

The servers only see committed data: these tests use the transactional
database (``django_db(transaction=True)``).
"""

import io
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse
from PIL import Image
from urllib3 import encode_multipart_formdata

from articles.models import Article
from comments.models import Comment
from scripts.forms import form_data
from scripts.prodserver import production_server
from scripts.visitor import HttpVisitor, filled_form
from tests.factories import ArticleFactory
from tests.images import image_bytes
from tests.s3server import public_get

pytestmark = pytest.mark.django_db(transaction=True)

# The spam branch's minimum time between form and post; a test posts at once.
SERVER_ENV = {"COMMENTS_MIN_SECONDS": "0"}


def _url_for(settings_dict) -> str:
    return "postgres://{user}@{host}{port}/{name}".format(
        user=settings_dict["USER"],
        host=quote(settings_dict["HOST"], safe=""),
        port=f":{settings_dict['PORT']}" if settings_dict["PORT"] else "",
        name=settings_dict["NAME"],
    )


@pytest.fixture(scope="module")
def two_servers(embedded_database_url, django_db_setup, django_db_blocker, s3_server):
    from django.db import connection

    url = _url_for(connection.settings_dict)
    env = {**SERVER_ENV, **s3_server.env}
    with (
        production_server(url, workers=1, extra_env=env) as first,
        production_server(url, workers=1, extra_env=env) as second,
    ):
        assert first != second
        yield first, second


@pytest.fixture
def article():
    return ArticleFactory(title="Samen sterker in de wijk")


def paths(article):
    kwargs = {"kind": "artikel", "pk": article.pk}
    return reverse("comments:form", kwargs=kwargs), reverse(
        "comments:reply", kwargs=kwargs
    )


def reaction(html, text):
    return filled_form(html, name="Fatima", email="fatima@example.nl", text=text)


def test_form_from_one_server_posts_to_the_other(two_servers, article):
    first, second = two_servers
    form_path, reply_path = paths(article)
    visitor = HttpVisitor()
    form = visitor.get(first + form_path)
    assert form.status == 200

    answer = visitor.post(second + reply_path, reaction(form.text, "Via twee servers."))

    assert answer.status == 302, answer.text[:2000]
    assert "/ontvangen/" in answer.headers["Location"]
    stored = Comment.objects.get()
    assert stored.text == "Via twee servers."
    assert stored.article == article


def test_question_answered_at_one_server_is_used_up_at_the_other(two_servers, article):
    first, second = two_servers
    form_path, reply_path = paths(article)
    visitor = HttpVisitor()
    form = visitor.get(first + form_path)

    accepted = visitor.post(first + reply_path, reaction(form.text, "Eerste keer."))
    again = visitor.post(second + reply_path, reaction(form.text, "Tweede keer."))

    assert accepted.status == 302
    assert again.status == 400
    assert "al gebruikt" in again.text
    assert list(Comment.objects.values_list("text", flat=True)) == ["Eerste keer."]


def test_question_raced_at_both_servers_is_accepted_once(two_servers, article):
    """Two posts of one question at the same moment: exactly one gets in."""
    from concurrent.futures import ThreadPoolExecutor

    first, second = two_servers
    form_path, reply_path = paths(article)
    visitor = HttpVisitor()
    form = visitor.get(second + form_path)
    # Two browsers with the same cookie and token (a bot replaying a form).
    posts = [
        (base, HttpVisitor(cookies=dict(visitor.cookies)), text)
        for base, text in ((first, "Race A."), (second, "Race B."))
    ]
    with ThreadPoolExecutor(2) as pool:
        answers = list(
            pool.map(
                lambda p: p[1].post(p[0] + reply_path, reaction(form.text, p[2])),
                posts,
            )
        )

    assert sorted(a.status for a in answers) == [302, 400]
    assert Comment.objects.count() == 1


def _limit_count(value) -> int:
    """The number of posts allowed, from the spam branch's setting."""
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value.split("/", 1)[0])
    if isinstance(value, dict):
        return min(v for v in value.values() if isinstance(v, int))
    return next(v for v in value if isinstance(v, int))


@pytest.mark.skipif(
    not hasattr(settings, "COMMENTS_RATE_LIMIT"),
    reason="rate limiting (COMMENTS_RATE_LIMIT, spam branch) does not exist yet",
)
def test_rate_limit_holds_across_both_servers(two_servers, article):
    """Posts spread over both servers count against one limit."""
    first, second = two_servers
    form_path, reply_path = paths(article)
    limit = _limit_count(settings.COMMENTS_RATE_LIMIT)
    statuses = []
    for n in range(limit + 1):
        base = (first, second)[n % 2]
        visitor = HttpVisitor()
        form = visitor.get(base + form_path)
        assert form.status == 200
        other = (second, first)[n % 2]
        statuses.append(
            visitor.post(other + reply_path, reaction(form.text, f"Nummer {n}.")).status
        )

    assert statuses[:limit] == [302] * limit
    assert statuses[limit] == 429
    assert Comment.objects.count() == limit


def test_image_uploaded_through_one_server_is_shown_by_the_other(
    two_servers, s3_server, article
):
    first, second = two_servers
    password = "een-lang-wachtwoord-voor-de-redactie"
    get_user_model().objects.create(
        username="redacteur",
        is_staff=True,
        is_superuser=True,
        # The servers run the production hashers, not the tests' fast one.
        password=PBKDF2PasswordHasher().encode(password, "zoutzoutzout"),
    )
    editor = HttpVisitor()
    login = editor.get(first + "/admin/login/")
    fields = {k: v[0] for k, v in form_data(login.text, "login-form").items()}
    logged_in = editor.post(
        first + "/admin/login/",
        {**fields, "username": "redacteur", "password": password},
    )
    assert logged_in.status == 302, logged_in.text[:2000]
    change = f"/admin/articles/article/{article.pk}/change/"
    form = form_data(editor.get(first + change).text, "article_form")
    picture = image_bytes(width=800, height=450)
    body, content_type = encode_multipart_formdata(
        [
            *((name, value) for name, values in form.items() for value in values),
            ("image", ("wijk.jpg", picture, "image/jpeg")),
            ("image_alt", "Buren in gesprek"),
        ]
    )
    saved = editor.request(first + change, body, **{"Content-Type": content_type})
    assert saved.status == 302, saved.text[:3000]

    page = HttpVisitor().get(second + article.get_absolute_url())
    src = re.search(r'<img src="([^"]+)"[^>]*alt="Buren in gesprek"', page.text)[1]
    assert src.startswith(f"{s3_server.endpoint}/{s3_server.bucket}/")
    status, headers, served = public_get(src)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    # The page shows the size the first server made of the upload.
    assert Image.open(io.BytesIO(served)).size == (800, 450)
    original = s3_server.client().get_object(
        Bucket=s3_server.bucket, Key=Article.objects.get(pk=article.pk).image.name
    )
    assert original["Body"].read() == picture
    # The strict CSP lets the page load images from the bucket's origin.
    img_src = re.search(r"img-src ([^;]+)", page.headers["Content-Security-Policy"])
    assert s3_server.endpoint in img_src[1].split()
