"""The list helpers write exactly what the template idioms they replace wrote."""

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from core.templatetags.lists import first_words

TEXTS = [
    "",
    "Eén woord",
    "Twee  woorden\nover\tregels ",
    " ".join(f"woord{i}" for i in range(34)),
    " ".join(f"woord{i}" for i in range(35)),
    " ".join(f"woord{i}" for i in range(36)),
    " ".join(["woord"] * 34 + ["…", "meer"]),
    "Armoede & <schulden> in 'de' \"buurt\" " * 20,
]


def render(source, **context):
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("count", [35, 1, 0, "x"])
def test_first_words_writes_what_truncatewords_writes(text, count):
    for value in (text, mark_safe(text)):  # noqa: S308 -- test input
        expected = render("{{ value|truncatewords:count }}", value=value, count=count)
        got = render(
            "{% load lists %}{{ value|first_words:count }}", value=value, count=count
        )
        assert got == expected


def test_first_words_cuts_long_text_with_an_ellipsis():
    assert first_words("een twee drie vier", 2) == "een twee …"


@pytest.mark.parametrize("selected", ["", "b", "a&b", "none-of-these"])
def test_options_write_what_the_template_loop_wrote(selected):
    choices = [("a&b", "A & <b>"), ("b", "B 'quoted' \"title\""), ("c", "C")]
    loop = render(
        '{% for value, label in choices %}<option value="{{ value }}"'
        "{% if value == selected %} selected{% endif %}>{{ label }}</option>"
        "{% endfor %}",
        choices=choices,
        selected=selected,
    )
    tag = render(
        "{% load lists %}{% options choices selected=selected %}",
        choices=choices,
        selected=selected,
    )
    assert tag == loop
    assert tag.count(" selected") == (selected in dict(choices))
