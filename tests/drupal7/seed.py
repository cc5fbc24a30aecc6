"""A small Drupal 7 site shaped like the page this project grew from.

A "Wat werkt bij…" dossier (a custom content type) and a news article in its
theme, with a reader's question, the author's answer and the reader's
follow-up, and one comment still unpublished. Texts written fresh.
"""

from io import BytesIO
from pathlib import Path

from PIL import Image

from .site import DrupalSite, timestamp

ARTICLE_NID = 12
DOSSIER_NID = 7
QUESTION_CID, ANSWER_CID, FOLLOW_UP_CID, UNPUBLISHED_CID = 31, 32, 33, 34
AUTHOR_UID, EDITOR_ROLE = 5, 3
ALIAS = "nieuws/samen-vernieuwen-werkt-het-best-in-een-sterk-netwerk"
IMAGE_URI = "public://2017/01/buurthuis-tafel.jpg"
IMAGE_ALT = "Bewoners en professionals rond een tafel in een buurthuis"
IPS = ("203.0.113.45", "198.51.100.7", "2001:db8::17")

ARTICLE_BODY = """<p>Kan sociale innovatie helpen bij vraagstukken die geen
enkele organisatie alleen oplost? In het nieuwe dossier staan de
veronderstelde werkzame elementen op een rij.</p>
<h2>Genoeg hulpbronnen</h2>
<p>\u2018Vernieuwing slaagt waar partijen elkaar makkelijk vinden\u2019, zegt
<strong>Carla Visser</strong>, auteur van het dossier.<script>alert('x')</script></p>
<p onclick="steal()">Lees ook <a href="javascript:alert(1)">dit</a> en
<a href="https://www.example.org/voorbeelden">de voorbeelden</a>.</p>"""

QUESTION = (
    "Is er al ervaring met online leren, zoals een open cursus, om kennis te "
    "delen tussen medewerkers en met bewoners? Past dat bij jullie werk?"
)
ANSWER = (
    "<p>Beste Ruben, dank voor je vraag. Kennis samen maken wordt steeds "
    "belangrijker; nu doen we dat vooral in kenniswerkplaatsen.</p>"
    "<p>Heb je concrete ideeën? Dan hoor ik ze graag.</p>"
)
FOLLOW_UP = (
    "<p>Beste Carla,</p><p>Ik neem contact met je op. Hier alvast een "
    "voorbeeld: https://www.example.org/online-leren</p><p>Groet, Ruben</p>"
)
UNPUBLISHED = "Mooi artikel, maar waar vind ik het hele dossier?"


def image_bytes() -> bytes:
    out = BytesIO()
    Image.new("RGB", (80, 60), (40, 110, 90)).save(out, "JPEG")
    return out.getvalue()


def write_files(folder: Path) -> Path:
    """The Drupal site's public files folder with the article's image."""
    path = folder / "2017" / "01" / "buurthuis-tafel.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(image_bytes())
    return folder


def build(site: DrupalSite) -> None:
    site.role(1, "anonymous user")
    site.role(2, "authenticated user")
    site.role(EDITOR_ROLE, "editor")
    site.user(0, "")
    site.user(1, "beheer", "beheer@example.org")
    site.user(AUTHOR_UID, "Carla Visser", "c.visser@example.org", roles=[EDITOR_ROLE])
    site.vocabulary(1, "tags", "Tags")
    site.term(4, 1, "Sociale innovatie", "Nieuwe ideeën en samenwerking.")
    site.node(
        DOSSIER_NID,
        "wat_werkt_dossier",
        "Wat werkt bij sociale innovatie",
        uid=AUTHOR_UID,
        created=timestamp(2016, 11, 2),
        changed=timestamp(2017, 1, 10),
        vid=9,
        body="<p>Sociale innovatie: nieuwe ideeën en verbanden voor taaie "
        "maatschappelijke vraagstukken.</p>",
        summary="Wat we weten over sociale innovatie in het sociale domein.",
        tags=[4],
        alias="dossiers/wat-werkt-bij-sociale-innovatie",
        log="Goede voorbeelden toegevoegd",
    )
    site.revision(
        DOSSIER_NID,
        8,
        uid=AUTHOR_UID,
        title="Wat werkt bij sociale innovatie",
        log="Eerste versie",
        when=timestamp(2016, 11, 2),
        body="<p>Eerste versie.</p>",
    )
    site.node(
        ARTICLE_NID,
        "article",
        "\u2018Samen vernieuwen werkt het best in een sterk netwerk\u2019",
        uid=AUTHOR_UID,
        created=timestamp(2017, 1, 13, 9),
        body=ARTICLE_BODY,
        summary="Een nieuw Wat werkt bij\u2026 dossier.",
        tags=[4],
        alias=ALIAS,
    )
    site.image(ARTICLE_NID, ARTICLE_NID, "article", fid=3, uri=IMAGE_URI, alt=IMAGE_ALT)
    site.comment(
        QUESTION_CID,
        ARTICLE_NID,
        text=QUESTION,
        fmt="plain_text",
        name="Ruben",
        mail="ruben@example.org",
        hostname=IPS[0],
        created=timestamp(2017, 1, 14, 10, 12),
    )
    site.comment(
        ANSWER_CID,
        ARTICLE_NID,
        pid=QUESTION_CID,
        uid=AUTHOR_UID,
        name="Carla Visser",
        text=ANSWER,
        hostname=IPS[2],
        created=timestamp(2017, 1, 16, 8, 30),
    )
    site.comment(
        FOLLOW_UP_CID,
        ARTICLE_NID,
        pid=ANSWER_CID,
        text=FOLLOW_UP,
        name="Ruben",
        mail="ruben@example.org",
        hostname=IPS[0],
        created=timestamp(2017, 1, 16, 20, 5),
    )
    site.comment(
        UNPUBLISHED_CID,
        ARTICLE_NID,
        text=UNPUBLISHED,
        status=0,
        name="Iemand",
        mail="iemand@example.org",
        hostname=IPS[1],
        created=timestamp(2017, 1, 20, 7, 45),
    )
    site.commit()


def readme_mapping() -> str:
    """The dossier mapping the migration guide shows, so the guide stays true."""
    guide = Path(__file__).resolve().parents[2] / "docs" / "migration" / "drupal7.md"
    text = guide.read_text()
    start = text.index("```toml\n") + 8
    return text[start : text.index("```", start)]
