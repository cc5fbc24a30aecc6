"""Citations: APA 7 as the APA manual prints it, and files that parse."""

import json
import re

import bibtexparser
import pytest
import rispy

from dossiers import citations

# The APA Publication Manual's (7th ed.) own examples, as CSL-JSON items.
JOURNAL = {
    "id": "grady",
    "type": "article-journal",
    "author": citations.names(
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J."
    ),
    "issued": {"date-parts": [[2019]]},
    "title": (
        "Emotions in storybooks: A comparison of storybooks that represent "
        "ethnic and racial groups in the United States"
    ),
    "container-title": "Psychology of Popular Media Culture",
    "volume": "8",
    "issue": "3",
    "page": "207-217",
    "DOI": "10.1037/ppm0000185",
}
BOOK = {
    "id": "jackson",
    "type": "book",
    "author": citations.names("Jackson, L. M."),
    "issued": {"date-parts": [[2019]]},
    "title": "The psychology of prejudice: From attitudes to social action",
    "edition": "2",
    "publisher": "American Psychological Association",
    "DOI": "10.1037/0000168-000",
}
REPORT = {
    "id": "who",
    "type": "report",
    "author": citations.names("World Health Organization"),
    "issued": {"date-parts": [[2018]]},
    "title": "Managing epidemics: Key facts about major deadly diseases",
    "URL": "https://www.who.int/emergencies/diseases/managing-epidemics/en/",
}
WEBPAGE = {
    "id": "bologna",
    "type": "webpage",
    "author": citations.names("Bologna, C."),
    "issued": {"date-parts": [[2019, 10, 31]]},
    "title": "Why some people with anxiety love watching horror movies",
    "container-title": "HuffPost",
    "URL": "https://www.huffpost.com/entry/anxiety-horror-movies",
}


def text(html: str) -> str:
    """What a reader reads (tags out, entities decoded)."""
    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")


def test_the_apa_manuals_examples_come_out_as_the_manual_prints_them():
    journal, book, report, webpage = citations.apa([JOURNAL, BOOK, REPORT, WEBPAGE])
    assert text(journal) == (
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). "
        "Emotions in storybooks: A comparison of storybooks that represent ethnic "
        "and racial groups in the United States. Psychology of Popular Media "
        "Culture, 8(3), 207\N{EN DASH}217. https://doi.org/10.1037/ppm0000185"
    )
    assert "<i>Psychology of Popular Media Culture</i>, <i>8</i>(3)" in journal
    assert text(book) == (
        "Jackson, L. M. (2019). The psychology of prejudice: From attitudes to "
        "social action (2nd ed.). American Psychological Association. "
        "https://doi.org/10.1037/0000168-000"
    )
    assert text(report) == (
        "World Health Organization. (2018). Managing epidemics: Key facts about "
        "major deadly diseases. "
        "https://www.who.int/emergencies/diseases/managing-epidemics/en/"
    )
    assert text(webpage) == (
        "Bologna, C. (2019, October 31). Why some people with anxiety love "
        "watching horror movies. HuffPost. "
        "https://www.huffpost.com/entry/anxiety-horror-movies"
    )


def test_the_list_keeps_the_editors_order_not_the_alphabet():
    rendered = citations.apa([WEBPAGE, JOURNAL])
    assert text(rendered[0]).startswith("Bologna")
    assert text(rendered[1]).startswith("Grady")


def test_markup_in_the_data_is_escaped():
    hostile = {**BOOK, "title": "Een <script>alert(1)</script> boek & meer"}
    (html,) = citations.apa([hostile])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_question_for_a_title_gets_no_full_stop_after_it():
    (html,) = citations.apa([{**REPORT, "title": "Werkt het?"}])
    assert text(html) == (
        "World Health Organization. (2018). Werkt het? "
        "https://www.who.int/emergencies/diseases/managing-epidemics/en/"
    )


def test_author_lines_become_people_and_organisations():
    assert citations.names("Masi, C. M., Chen, H.-Y., & Cacioppo, J. T.") == [
        {"family": "Masi", "given": "C. M."},
        {"family": "Chen", "given": "H.-Y."},
        {"family": "Cacioppo", "given": "J. T."},
    ]
    assert citations.names("Trimbos-instituut") == [{"literal": "Trimbos-instituut"}]
    assert citations.names("De Vries, M.") == [{"family": "De Vries", "given": "M."}]


def test_ris_parses_back_with_every_field():
    (record,) = rispy.loads(citations.ris([JOURNAL]))
    assert record["type_of_reference"] == "JOUR"
    assert record["authors"][0] == "Grady, J. S."
    assert len(record["authors"]) == 5
    assert record["title"] == JOURNAL["title"]
    assert record["secondary_title"] == "Psychology of Popular Media Culture"
    assert (record["volume"], record["number"]) == ("8", "3")
    assert (record["start_page"], record["end_page"]) == ("207", "217")
    assert record["year"] == "2019"
    assert record["doi"] == "10.1037/ppm0000185"
    assert citations.ris([JOURNAL]).startswith("TY  - JOUR")


def test_bibtex_parses_back_with_every_field():
    library = bibtexparser.parse_string(citations.bibtex([JOURNAL, REPORT]))
    assert not library.failed_blocks
    article, report = library.entries
    assert article.entry_type == "article"
    assert article.key == "grady2019"
    assert article["author"].split(" and ")[0] == "Grady, J. S."
    assert article["journal"] == "Psychology of Popular Media Culture"
    assert article["pages"] == "207--217"
    assert article["doi"] == "10.1037/ppm0000185"
    assert report.entry_type == "techreport"
    # An organisation is one name, in braces, not "Organization, World Health".
    assert report["author"] == "{World Health Organization}"


def test_csl_json_is_a_list_of_items():
    items = json.loads(citations.csl_json([BOOK]))
    assert items == [BOOK]


@pytest.mark.parametrize("item", [JOURNAL, BOOK, REPORT, WEBPAGE])
def test_every_kind_has_a_file_type(item):
    assert citations.ris([item]).startswith(
        f"TY  - {citations.RIS_TYPES[item['type']]}"
    )
    (entry,) = bibtexparser.parse_string(citations.bibtex([item])).entries
    assert entry.entry_type == citations.BIBTEX_TYPES[item["type"]]


@pytest.mark.parametrize(
    ("source", "fields"),
    [
        (
            "Public Management Review, 17(9), 1333-1357",
            {
                "kind": "article-journal",
                "container_title": "Public Management Review",
                "volume": "17",
                "issue": "9",
                "pages": "1333-1357",
            },
        ),
        (
            "The Innovation Journal, 15(2)",
            {
                "kind": "article-journal",
                "container_title": "The Innovation Journal",
                "volume": "15",
                "issue": "2",
            },
        ),
        ("W. W. Norton", {"kind": "book", "publisher": "W. W. Norton"}),
        ("", {}),
    ],
)
def test_an_old_source_line_becomes_fields(source, fields):
    assert citations.structured_source(source) == fields


def test_a_dutch_name_keeps_its_prefix_with_the_family_name():
    assert citations.person("Marieke van Dalen") == {
        "family": "van Dalen",
        "given": "Marieke",
    }
    assert citations.person("Anna Maria van der Berg") == {
        "family": "van der Berg",
        "given": "Anna Maria",
    }
    assert citations.person("Fatma Yilmaz") == {"family": "Yilmaz", "given": "Fatma"}
    assert citations.person("Movisie") == {"literal": "Movisie"}


def test_editors_of_a_book_are_named_without_the_mark():
    assert citations.names("Moulaert, F., & Hamdouch, A. (Red.)") == [
        {"family": "Moulaert", "given": "F."},
        {"family": "Hamdouch", "given": "A."},
    ]


def test_urls_and_dois_in_the_citation_are_links():
    (html,) = citations.apa([{**REPORT, "URL": "https://example.org/a?b=1&c=2"}])
    assert html.endswith(
        '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>'
    )


def test_an_article_number_is_read_as_its_pages():
    assert citations.structured_source("PLoS Medicine, 7(7), e1000316") == {
        "kind": "article-journal",
        "container_title": "PLoS Medicine",
        "volume": "7",
        "issue": "7",
        "pages": "e1000316",
    }
