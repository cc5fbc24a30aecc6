"""Every public page costs the same number of queries, however much content.

Each test builds the same shape of content at two sizes and checks the page
stays under one fixed ceiling for both.
"""

import pytest

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DossierFactory,
    EditorFactory,
    EffectiveElementFactory,
    GoodExampleFactory,
    ReferenceFactory,
    ThemeFactory,
    publish,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]
# Queries the reactions block (comments/_reactions.html, filled in by the
# comments app) may add to article and dossier pages; it too must be fixed.
REACTIONS_BUDGET = 2  # the thread's version, then the thread (cached: 1)
# Item pages are kept rendered for anonymous readers (core/caching.py):
# a cold page first reads the content version, a warm one reads only that.
PAGE_VERSION = 1


def build(size):
    themes = ThemeFactory.create_batch(size)
    people = AuthorFactory.create_batch(size)
    dossier = DossierFactory(
        slug="groot-dossier", themes=themes, authors=people, contacts=people[:2]
    )
    for _ in range(size):
        DossierFactory(themes=themes[:2])
    EffectiveElementFactory.create_batch(size, dossier=dossier)
    EffectiveElementFactory.create_batch(size, dossier=dossier, presumed=True)
    GoodExampleFactory.create_batch(size, dossier=dossier)
    ReferenceFactory.create_batch(size, dossier=dossier)
    for n in range(size):  # versions 2 .. size + 1
        publish(dossier, note=f"Bijgewerkt {n}.")
    articles = [
        ArticleFactory(themes=themes[:3], dossiers=[dossier], authors=people)
        for _ in range(size)
    ]
    return {
        "theme": themes[0],
        "dossier": dossier,
        "article": articles[0],
    }


# "3 reacties" on the cards: one query per list of cards, whatever its length.
CARDS = 1

PAGES = {
    # page: (url builder, ceiling for readers)
    # 3, and the editors' choice of featured dossier (pages.HomePage).
    "home": (lambda c: "/", 4 + 2 * CARDS),
    "dossier index": (lambda c: "/dossiers/", 3 + CARDS),
    "dossier index by theme": (
        lambda c: f"/dossiers/?thema={c['theme'].slug}",
        4 + CARDS,
    ),
    "dossier": (
        lambda c: c["dossier"].get_absolute_url(),
        # 7, and the credited authors and contact persons (one each).
        9 + CARDS + REACTIONS_BUDGET + PAGE_VERSION,
    ),
    "dossier version": (
        lambda c: f"{c['dossier'].get_absolute_url()}versies/2/",
        # The dossier, the version (its snapshot and stored citations).
        2 + REACTIONS_BUDGET + PAGE_VERSION,
    ),
    "theme": (lambda c: c["theme"].get_absolute_url(), 3 + 2 * CARDS),
    "article index": (lambda c: "/artikelen/", 4 + CARDS),
    "article index filtered": (
        lambda c: (
            f"/artikelen/?thema={c['theme'].slug}&dossier={c['dossier'].slug}&page=2"
        ),
        6 + CARDS,
    ),
    "article": (
        lambda c: c["article"].get_absolute_url(),
        # 4, and the credited authors.
        5 + CARDS + REACTIONS_BUDGET + PAGE_VERSION,
    ),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", PAGES)
def test_reader_pages_use_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size, page
):
    content = build(size)
    url, ceiling = PAGES[page][0](content), PAGES[page][1]
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", ["dossier", "article"])
def test_staff_previews_use_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size, page
):
    content = build(size)
    client.force_login(EditorFactory())
    url = PAGES[page][0](content)
    # The same page plus the session and the user (staff never get the
    # readers' cached page, so no content version either).
    with django_assert_max_num_queries(PAGES[page][1] - PAGE_VERSION + 2):
        response = client.get(url)
    assert response.status_code == 200
