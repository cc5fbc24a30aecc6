"""A dossier's image (issue 24): the articles' rules (an alternative text is
required; sizes made once at upload, core/images.py), shown on the dossier
page, on its card, as the home page's featured dossier, and in og:image and
JSON-LD."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.images import store_image_sizes
from dossiers.models import Dossier
from scripts.forms import form_data
from tests.factories import DossierFactory
from tests.images import uploaded_image

from ..articles.test_images import img_tags, served_size

pytestmark = pytest.mark.django_db

ALT = "Illustratie: een netwerk van gekleurde cirkels"


def dossier_with_image(**kwargs):
    dossier = DossierFactory(
        title="Wat werkt bij buurtnetwerken",
        slug="buurtnetwerken",
        image=uploaded_image(**kwargs),
        image_alt=ALT,
    )
    store_image_sizes(item=dossier)
    return dossier


def test_an_image_without_alternative_text_is_refused():
    dossier = DossierFactory()
    dossier.image = uploaded_image()
    with pytest.raises(ValidationError) as refused:
        dossier.full_clean()
    assert refused.value.message_dict["image_alt"] == [
        "Een afbeelding heeft een alternatieve tekst nodig."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(image="dossiers/x.jpg")


def test_the_dossier_page_shows_the_image_and_names_it_for_link_previews(client):
    dossier = dossier_with_image(width=1600, height=900)

    page = client.get(dossier.get_absolute_url()).content.decode()

    (img,) = [t for t in img_tags(page) if t.get("alt") == ALT]
    assert (img["width"], img["height"]) == ("320", "180")
    assert served_size(client, img["src"]) == (320, 180)
    assert "640w" in img["srcset"]  # and a sharper one for wider panels
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', page)
    assert og_image.group(1).endswith(dossier.image.url)
    assert f'<meta property="og:image:alt" content="{ALT}">' in page
    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        .group(1)
        .replace("\\u003C", "<")
    )
    items = ld.get("@graph", [ld]) if isinstance(ld, dict) else ld
    (work,) = [item for item in items if item["@type"] == "CreativeWork"]
    assert work["image"] == og_image.group(1)


def test_cards_and_the_featured_dossier_show_the_image(client):
    dossier_with_image()
    DossierFactory(title="Wat werkt zonder afbeelding")

    for path in ("/", "/dossiers/"):
        page = client.get(path).content.decode()
        pictures = [t for t in img_tags(page) if "/dossiers/" in t.get("src", "")]
        assert len(pictures) == 1, path
        assert pictures[0]["alt"] == ""  # the title beside it names the dossier


def test_an_image_uploaded_in_the_admin_gets_its_sizes(admin_client):
    dossier = DossierFactory(title="Wat werkt bij buurtnetwerken")
    change = f"/admin/dossiers/dossier/{dossier.pk}/change/"
    data = form_data(admin_client.get(change).content.decode(), "dossier_form")
    data["image"] = uploaded_image(width=800, height=600)
    data["image_alt"] = ALT

    answer = admin_client.post(change, data)

    assert answer.status_code == 302, answer.content.decode()[:2000]
    dossier.refresh_from_db()
    assert (dossier.image_width, dossier.image_height) == (800, 600)
    page = admin_client.get(dossier.get_absolute_url()).content.decode()
    (img,) = [t for t in img_tags(page) if t.get("alt") == ALT]
    assert served_size(admin_client, img["src"]) == (320, 240)
