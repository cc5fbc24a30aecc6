"""Draw the demo's images: article and dossier illustrations, author portraits.

``python -m scripts.demo_images`` writes PNGs to ``articles/demo/images/``,
``dossiers/demo/images/`` and ``authors/demo/images/``; the files are
committed, so ``make run`` needs no drawing. They are our own drawings,
made by this script (flat shapes in the site's colours, varied per item by
a seed from its slug), dedicated to the public domain (CC0 1.0, see the
LICENSE next to them). Run it again after changing a motif; the output is
the same for the same slug.

Each article and dossier gets the motif of its first theme; the alternative
texts in ``articles/demo/articles.toml`` and ``dossiers/demo/dossiers.toml``
describe these motifs (``ALT``).
"""

from __future__ import annotations

import hashlib
import random
import tomllib
from pathlib import Path

from PIL import Image, ImageDraw

BASE = Path(__file__).resolve().parent.parent
ARTICLE_SIZE = (1440, 810)
PORTRAIT_SIZE = (480, 480)
SCALE = 2  # drawn at twice the size, then scaled down: smooth edges

BACKGROUND = "#f4f1ec"
COLOURS = ["#7a1f5c", "#1f6f78", "#d99a2b", "#0b5394", "#3f7d4e", "#d9674e"]
SKIN = ["#f1c7a5", "#d8a47f", "#a86b4a", "#7a4a32", "#e8b48f"]

ALT = {
    "sociale-innovatie": "Illustratie: gekleurde cirkels, verbonden door lijnen "
    "tot een netwerk.",
    "eenzaamheid": "Illustratie: een figuur op een bankje, wat verderop een "
    "groepje figuren bij elkaar.",
    "armoede-en-schulden": "Illustratie: een huis naast stapels munten van "
    "verschillende hoogte.",
    "participatie": "Illustratie: een straat met huizen en figuren die samen "
    "voor de deuren staan.",
}


def rng_for(slug: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 -- drawing, not security


def s(value: float) -> int:
    return round(value * SCALE)


def figure(draw, x, y, height, colour, skin):
    """A person: a round head on a rounded body, standing on (x, y)."""
    head = height * 0.22
    body_top = y - height * 0.72
    draw.rounded_rectangle(
        [s(x - height * 0.2), s(body_top), s(x + height * 0.2), s(y)],
        radius=s(height * 0.12),
        fill=colour,
    )
    draw.ellipse(
        [
            s(x - head / 2),
            s(body_top - head * 1.1),
            s(x + head / 2),
            s(body_top - head * 0.1),
        ],
        fill=skin,
    )


def network(draw, rng, width, height):
    # One node in most cells of a 5 x 3 grid, jittered: spread, not piled up.
    cells = [(col, row) for col in range(5) for row in range(3)]
    nodes = [
        (
            (col + 0.5) * width / 5 + rng.uniform(-60, 60),
            (row + 0.5) * height / 3 + rng.uniform(-50, 50),
        )
        for col, row in rng.sample(cells, rng.randint(9, 12))
    ]
    for x1, y1 in nodes:
        nearest = sorted(nodes, key=lambda n: (n[0] - x1) ** 2 + (n[1] - y1) ** 2)
        for x2, y2 in nearest[1 : 1 + rng.randint(1, 3)]:
            draw.line([s(x1), s(y1), s(x2), s(y2)], fill="#4a4a4a", width=s(5))
    for x, y in nodes:
        r = rng.uniform(34, 70)
        draw.ellipse([s(x - r), s(y - r), s(x + r), s(y + r)], fill=rng.choice(COLOURS))


def bench(draw, rng, width, height):
    ground = height * 0.8
    draw.rectangle([0, s(ground), s(width), s(height)], fill="#d6d0c8")
    sun = rng.uniform(140, width - 140)
    draw.ellipse([s(sun - 70), s(80), s(sun + 70), s(220)], fill="#d99a2b")
    bx = rng.uniform(180, width * 0.35)
    draw.rectangle(
        [s(bx - 150), s(ground - 110), s(bx + 150), s(ground - 85)], fill="#7a4a32"
    )
    for leg in (bx - 130, bx + 110):
        draw.rectangle([s(leg), s(ground - 90), s(leg + 20), s(ground)], fill="#7a4a32")
    figure(draw, bx, ground - 20, 300, rng.choice(COLOURS), rng.choice(SKIN))
    group = rng.uniform(width * 0.6, width - 260)
    for k in range(rng.randint(3, 4)):
        figure(
            draw,
            group + k * 95,
            ground + rng.uniform(-10, 10),
            rng.uniform(250, 330),
            rng.choice(COLOURS),
            rng.choice(SKIN),
        )


def coins(draw, rng, width, height):
    ground = height * 0.82
    draw.rectangle([0, s(ground), s(width), s(height)], fill="#d6d0c8")
    hx = rng.uniform(180, width * 0.3)
    colour = rng.choice(COLOURS)
    draw.rectangle([s(hx - 150), s(ground - 260), s(hx + 150), s(ground)], fill=colour)
    draw.polygon(
        [
            s(hx - 190),
            s(ground - 250),
            s(hx),
            s(ground - 430),
            s(hx + 190),
            s(ground - 250),
        ],
        fill="#5a1543",
    )
    draw.rectangle(
        [s(hx - 40), s(ground - 130), s(hx + 40), s(ground)], fill=BACKGROUND
    )
    for k in range(rng.randint(4, 6)):
        cx = width * 0.45 + k * 150
        for level in range(rng.randint(2, 9)):
            top = ground - 22 - level * 34
            draw.ellipse(
                [s(cx - 60), s(top - 18), s(cx + 60), s(top + 18)], fill="#b07c16"
            )
            draw.ellipse(
                [s(cx - 60), s(top - 26), s(cx + 60), s(top + 10)], fill="#d99a2b"
            )


def street(draw, rng, width, height):
    ground = height * 0.84
    draw.rectangle([0, s(ground), s(width), s(height)], fill="#d6d0c8")
    x = 40
    while x < width - 40:
        w = rng.uniform(180, 260)
        h = rng.uniform(260, 420)
        colour = rng.choice(COLOURS)
        draw.rectangle([s(x), s(ground - h), s(x + w - 16), s(ground)], fill=colour)
        for row in range(int(h // 110)):
            for col in range(2):
                wx = x + 30 + col * (w - 16 - 90) / 1
                wy = ground - h + 30 + row * 100
                if wy + 60 < ground - 90:
                    draw.rectangle(
                        [s(wx), s(wy), s(wx + 40), s(wy + 55)], fill=BACKGROUND
                    )
        x += w
    for k in range(rng.randint(4, 6)):
        figure(
            draw,
            rng.uniform(120, width - 120),
            height - 30 - k * 4,
            rng.uniform(170, 220),
            rng.choice(COLOURS),
            rng.choice(SKIN),
        )


MOTIFS = {
    "sociale-innovatie": network,
    "eenzaamheid": bench,
    "armoede-en-schulden": coins,
    "participatie": street,
}


def article_image(slug: str, theme: str) -> Image.Image:
    width, height = ARTICLE_SIZE
    image = Image.new("RGB", (s(width), s(height)), BACKGROUND)
    MOTIFS[theme](ImageDraw.Draw(image), rng_for(slug), width, height)
    return image.resize(ARTICLE_SIZE, Image.Resampling.LANCZOS)


def portrait(slug: str) -> Image.Image:
    rng = rng_for(slug)
    width, height = PORTRAIT_SIZE
    image = Image.new("RGB", (s(width), s(height)), rng.choice(COLOURS[1:]))
    draw = ImageDraw.Draw(image)
    skin = rng.choice(SKIN)
    hair = rng.choice(["#2b1d14", "#5a3a22", "#1a1a1a", "#8a6a3a"])
    shirt = rng.choice(["#f4f1ec", "#1a1a1a", "#7a1f5c", "#d99a2b"])
    draw.ellipse([s(90), s(330), s(390), s(640)], fill=shirt)  # shoulders
    draw.rectangle([s(205), s(270), s(275), s(350)], fill=skin)  # neck
    if rng.random() < 0.5:  # long hair behind the head
        draw.rounded_rectangle(
            [s(140), s(110), s(340), s(370)], radius=s(90), fill=hair
        )
    draw.ellipse([s(160), s(110), s(320), s(300)], fill=skin)  # head
    draw.chord([s(152), s(96), s(328), s(250)], 180, 360, fill=hair)  # hair on top
    return image.resize(PORTRAIT_SIZE, Image.Resampling.LANCZOS)


def main() -> None:
    articles = tomllib.loads((BASE / "articles/demo/articles.toml").read_text())
    folder = BASE / "articles/demo/images"
    folder.mkdir(exist_ok=True)
    for article in articles["article"]:
        image = article_image(article["slug"], article["themes"][0])
        image.save(folder / f"{article['slug']}.png", optimize=True)
    dossiers = tomllib.loads((BASE / "dossiers/demo/dossiers.toml").read_text())
    folder = BASE / "dossiers/demo/images"
    folder.mkdir(exist_ok=True)
    for dossier in dossiers["dossier"]:
        image = article_image(dossier["slug"], dossier["themes"][0])
        image.save(folder / f"{dossier['slug']}.png", optimize=True)
    authors = tomllib.loads((BASE / "authors/demo/authors.toml").read_text())
    folder = BASE / "authors/demo/images"
    folder.mkdir(parents=True, exist_ok=True)
    for author in authors["author"]:
        portrait(author["slug"]).save(folder / f"{author['slug']}.png", optimize=True)


if __name__ == "__main__":
    main()
