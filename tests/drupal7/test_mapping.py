"""A mapping file inherits the built-in values for what it leaves out."""

from drupal7.mapping import parse

ONLY_TYPES = """
[types.wat_werkt_dossier]
target = "dossier"
author = "user"
themes = "field_tags"
fields = { summary = "body:summary", definition = "body" }
"""


def test_a_mapping_that_names_only_its_types_keeps_themes_editors_and_formats():
    mapping = parse(ONLY_TYPES, name="drupal.toml")
    assert mapping.themes_vocabulary == "tags"
    assert mapping.editor_roles == ("administrator", "editor")
    assert mapping.formats == {
        "filtered_html": "html",
        "full_html": "html",
        "plain_text": "text",
    }
    assert list(mapping.types) == ["wat_werkt_dossier"]


def test_formats_a_mapping_names_are_added_to_or_change_the_built_in_ones():
    mapping = parse(
        ONLY_TYPES + '\n[formats]\nmarkdown = "text"\nfull_html = "text"\n',
        name="drupal.toml",
    )
    assert mapping.formats == {
        "filtered_html": "html",
        "full_html": "text",
        "plain_text": "text",
        "markdown": "text",
    }


def test_what_a_mapping_says_wins():
    mapping = parse(
        'themes_vocabulary = "onderwerpen"\neditor_roles = []\n' + ONLY_TYPES,
        name="drupal.toml",
    )
    assert mapping.themes_vocabulary == "onderwerpen"
    assert mapping.editor_roles == ()
