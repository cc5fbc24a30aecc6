"""The checks catch real problems: a broken document fails both of them.

Without this, a helper that silently checked nothing (axe not injected, vnu
not run, the wrong output parsed) would let every page pass.
"""

import pytest

from tests.html_validation import assert_valid_html

from .accessibility import (
    assert_accessible,
    assert_headings_in_order,
    assert_landmarks,
    assert_one_h1,
    assert_text_contrast,
)
from .visitor import tab_to

BROKEN = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Kapot</title></head>
<body>
<main>
  <h1>Reageren</h1>
  <h3>Uw reactie</h3>
  <p id="uitleg">Vul uw naam in.</p>
  <p id="uitleg">Dubbel.</p>
  <input type="text" name="naam" aria-describedby="uitleg">
  <p class="pale">Bijna onleesbaar.</p>
</main>
</body>
</html>"""


def test_axe_reports_a_missing_label_and_a_duplicate_id(blank_page):
    blank_page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(blank_page)
    message = str(failure.value)
    assert "- label [critical]: Form elements must have labels" in message
    assert '<input type="text" name="naam"' in message
    assert "- duplicate-id-aria [critical]" in message
    assert "with the same id attribute: uitleg" in message


def test_the_validator_reports_the_duplicate_id_with_its_line():
    with pytest.raises(AssertionError) as failure:
        assert_valid_html(BROKEN, "broken form")
    message = str(failure.value)
    assert "broken form: 2 error(s)" in message
    assert "line 9, column 3: Duplicate ID “uitleg”." in message
    assert "skipping 1 heading level" in message
    assert "(note) line 8, column 3: The first occurrence of ID “uitleg”" in message


def test_structure_and_contrast_checks_report_their_problems(blank_page):
    blank_page.set_content(BROKEN.replace('class="pale"', 'class="pale" hidden'))
    blank_page.evaluate(
        "document.querySelector('.pale').hidden = false;"
        "document.querySelector('.pale').style.color = '#bbbbbb'"
    )
    with pytest.raises(AssertionError, match="h1 is followed by h3 'Uw reactie'"):
        assert_headings_in_order(blank_page)
    blank_page.evaluate("document.querySelector('h3').outerHTML = '<h1>Twee</h1>'")
    with pytest.raises(AssertionError, match="2 h1 elements"):
        assert_one_h1(blank_page)
    with pytest.raises(AssertionError, match=r"1\.\d+:1 rgb\(187, 187, 187\)"):
        assert_text_contrast(blank_page, "main p")


def test_page_problems_record_a_content_security_policy_violation(blank_page):
    blank_page.set_content(
        '<meta http-equiv="Content-Security-Policy" content="style-src \'self\'">'
        '<p style="color: red">Inline stijl mag niet.</p>'
    )
    assert any(
        "Content Security Policy" in problem for problem in blank_page.problems
    ), blank_page.problems


LANDMARKS = """<!DOCTYPE html><html lang="nl"><head><title>Kop</title></head><body>
<header><nav aria-label="Hoofdnavigatie"><a href="/">Home</a></nav></header>
<main id="inhoud"><h1>Dossier</h1>
<nav aria-labelledby="inhoud-kop"><h2 id="inhoud-kop">Inhoud</h2></nav>
<nav><a href="#a">Zonder naam</a></nav></main>
<footer><p>Voet</p></footer></body></html>"""


def test_landmark_check_names_navs_by_labelledby_and_reports_an_unnamed_one(
    blank_page,
):
    blank_page.set_content(LANDMARKS)
    with pytest.raises(AssertionError) as failure:
        assert_landmarks(blank_page)
    assert "['Hoofdnavigatie', 'Inhoud', None]" in str(failure.value)
    blank_page.evaluate("document.querySelectorAll('nav')[2].remove()")
    assert_landmarks(blank_page)


def test_keyboard_helper_fails_on_a_focus_stop_without_a_visible_indicator(
    blank_page,
):
    blank_page.set_content(
        "<style>a:focus { outline: none; }</style>"
        '<a href="#1">Een</a> <input id="doel" aria-label="Doel">'
    )
    with pytest.raises(AssertionError, match="No visible focus on <a"):
        tab_to(blank_page, "#doel", limit=3)
