"""The import writes a chunk of nodes in a fixed number of queries on this
site's database, however many nodes and comments the chunk holds: no query
per row, on a first run or a second one."""

import pytest
from django.contrib.contenttypes.models import ContentType

from articles.models import Article
from comments.models import Comment

from . import seed
from .helpers import run_import, write_mapping

pytestmark = pytest.mark.django_db


def add_articles(site, nids):
    for nid in nids:
        site.node(
            nid,
            "article",
            f"Bericht {nid}",
            uid=seed.AUTHOR_UID,
            created=seed.timestamp(2018, 1, 1) + nid,
            body=f"<p>Tekst van bericht {nid}.</p>",
            summary="Kort.",
            tags=[4],
            alias=f"nieuws/bericht-{nid}",
        )
        for n in range(1, 4):
            cid = 10 * nid + n
            site.comment(
                cid,
                nid,
                text=f"Reactie {cid}.",
                pid=cid - 1 if n == 3 else 0,  # the third answers the second
                name=f"Lezer {cid}",
                created=seed.timestamp(2018, 2, 1) + cid,
            )
    site.commit()


# Both runs fit in one chunk, and take the same 58 queries (the seed's
# dossier and its versions take about half of them). Before the import wrote
# by the chunk, forty more nodes cost about a thousand more.
MAX_QUERIES = 60


@pytest.mark.parametrize("extra", [4, 40])
def test_forty_nodes_take_no_more_queries_than_four(
    drupal_source, tmp_path, extra, django_assert_max_num_queries
):
    site = drupal_source.site
    seed.build(site)
    add_articles(site, list(range(100, 100 + extra)))
    ContentType.objects.clear_cache()  # the same lookups in either order
    with django_assert_max_num_queries(MAX_QUERIES):
        status, report = run_import(drupal_source, mapping_path=write_mapping(tmp_path))
    assert status == 0, report
    assert Article.objects.count() == 1 + extra
    assert Comment.objects.count() == 4 + 3 * extra
    reply = Comment.objects.get(text="Reactie 1003.")  # on node 100
    assert reply.parent.text == "Reactie 1002."
    assert reply.path == [reply.parent.pk, reply.pk]


def test_a_second_run_reads_a_chunk_in_a_few_queries(
    drupal_source, tmp_path, django_assert_max_num_queries
):
    seed.build(drupal_source.site)
    add_articles(drupal_source.site, list(range(100, 140)))
    mapping = write_mapping(tmp_path)
    assert run_import(drupal_source, mapping_path=mapping)[0] == 0
    with django_assert_max_num_queries(20):
        status, report = run_import(drupal_source, mapping_path=mapping)
    assert status == 0, report
    assert "aangemaakt 0, bijgewerkt 0, ongewijzigd 42" in report  # the nodes
