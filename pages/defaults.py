"""The first text of each page: ``defaults/<slug>.toml``.

Migration 0002 seeds the pages with it; a page whose row is missing (a
database emptied by a test, say) shows it too, so every footer link works.
"""

import tomllib
from pathlib import Path

FOLDER = Path(__file__).parent / "defaults"


def default_text(slug: str) -> dict[str, str]:
    """``{"title", "lead", "body"}`` of the page at ``slug``."""
    with (FOLDER / f"{slug}.toml").open("rb") as file:
        data = tomllib.load(file)
    return {key: data[key].strip() for key in ("title", "lead", "body")}
