"""Arbitrary query strings on every public page: never a server error.

Readers (and bots) send whatever they like after the "?". Every public page
must answer it with a page or a 4xx, never a 5xx. The list of pages is
built at run time from the published content, so it grows with the site.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from core.publishing import Status
from dossiers.models import Dossier, Theme

PUBLIC_URL_NAMES = [
    "home",
    "dossiers:index",
    "articles:index",
    "search",
    "search:index",
    "privacy",
    "sitemap",
    "robots",
    "feeds:articles",
    "healthz",
    "admin:login",
]
# Public pages that belong to one item: (URL name, "article" or "dossier").
ITEM_URL_NAMES = [
    ("comments:reply", "article"),
    ("comments:form", "article"),
    ("comments:received", "article"),
    ("comments:reply", "dossier"),
    ("comments:form", "dossier"),
    ("comments:received", "dossier"),
]
PARAMETER_NAMES = ["page", "q", "thema", "dossier", "soort", "type", "op", "sort"]

nasty_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            "'",
            "\\",
            "&|!",
            "\x00",
            "%00",
            "abc",
            "-1",
            "0",
            "999999999999999999999",
            "1e9",
            "\u202e\u200f",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "a" * 5000,
            "../../etc/passwd",
        ]
    ),
)
query_strings = st.one_of(
    st.dictionaries(
        st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(max_size=20)),
        nasty_text,
        max_size=4,
    ).map(
        lambda params: "&".join(
            f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items()
        )
    ),
    # Not even well-formed: raw text, percent signs and all.
    st.text(max_size=200).map(lambda raw: quote(raw, safe="=&%;+")),
)


@pytest.fixture
def public_paths(db):
    theme = Theme.objects.create(name="Armoede", slug="armoede")
    dossier = Dossier.objects.create(
        title="Wat werkt bij armoede",
        slug="wat-werkt-bij-armoede",
        status=Status.PUBLISHED,
        published_at="2024-01-01T10:00:00Z",
    )
    dossier.themes.add(theme)
    article = Article.objects.create(
        title="Schulden voorkomen",
        slug="schulden-voorkomen",
        status=Status.PUBLISHED,
        published_at="2024-02-01T10:00:00Z",
    )
    article.themes.add(theme)
    article.dossiers.add(dossier)
    paths = []
    for name in PUBLIC_URL_NAMES:
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue  # not (yet) part of the site
    items = {"article": article, "dossier": dossier}
    kinds = {"article": "artikel", "dossier": "dossier"}
    for name, kind in ITEM_URL_NAMES:
        try:
            paths.append(
                reverse(name, kwargs={"kind": kinds[kind], "pk": items[kind].pk})
            )
        except NoReverseMatch:
            continue
    for obj in (theme, dossier, article):
        try:
            paths.append(obj.get_absolute_url())
        except NoReverseMatch:
            continue
    assert "/" in paths
    assert f"/reacties/artikel/{article.pk}/reageer/" in paths
    return paths


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_query_string_makes_a_public_page_fail(public_paths, data):
    path = data.draw(st.sampled_from(public_paths), label="path")
    query = data.draw(query_strings, label="query")
    response = Client(raise_request_exception=False).get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.status_code)
