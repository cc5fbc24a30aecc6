"""Long commands show progress: a bar on a terminal, a plain line now and then
in a log, nothing with -v 0 (core/progress.py)."""

import io

import pytest
from django.core.management import call_command

from core import progress as progress_module
from core.progress import progress
from tests.factories import ArticleFactory, CommentFactory
from tests.images import uploaded_image


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_a_bar_shows_the_count_and_the_total():
    terminal = Terminal()
    with progress(total=3, label="Reacties", stdout=terminal, unit="reactie") as step:
        for _ in range(3):
            step()
    shown = terminal.getvalue()
    assert "Reacties" in shown
    assert "3/3" in shown
    assert "100%" in shown


def test_in_a_log_plain_lines_now_and_then_without_control_characters(monkeypatch):
    monkeypatch.setattr(progress_module, "PLAIN_EVERY_SECONDS", 0)
    log = io.StringIO()
    with progress(total=4, label="Afbeeldingen", stdout=log) as step:
        for _ in range(4):
            step()
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("Afbeeldingen: 1 van 4 (25 %), ")
    assert lines[3].startswith("Afbeeldingen: 4 van 4 (100 %), ")
    assert "\r" not in log.getvalue()
    assert "\x1b" not in log.getvalue()


def test_a_quick_run_in_a_log_adds_nothing():
    log = io.StringIO()
    with progress(total=4, label="Afbeeldingen", stdout=log) as step:
        for _ in range(4):
            step()
    assert log.getvalue() == ""


def test_verbosity_0_shows_nothing_even_on_a_terminal():
    terminal = Terminal()
    with progress(total=3, label="Reacties", stdout=terminal, verbosity=0) as step:
        step()
    assert terminal.getvalue() == ""


@pytest.mark.django_db
def test_render_reactions_all_with_a_bar_on_a_terminal_and_silent_with_v0():
    CommentFactory.create_batch(3)
    terminal = Terminal()
    call_command("render_reactions", all=True, stdout=terminal)
    assert "3/3" in terminal.getvalue()
    assert "3 reacties opnieuw opgeslagen." in terminal.getvalue()
    quiet = Terminal()
    call_command("render_reactions", all=True, verbosity=0, stdout=quiet)
    assert quiet.getvalue() == ""


@pytest.mark.django_db
def test_make_image_sizes_with_a_bar_on_a_terminal_and_silent_with_v0():
    for n in range(2):
        ArticleFactory(image=uploaded_image(f"foto-{n}.jpg"), image_alt="Een foto")
    terminal = Terminal()
    call_command("make_image_sizes", stdout=terminal)
    assert "Afbeeldingen" in terminal.getvalue()
    assert "2/2" in terminal.getvalue()
    assert "2 afbeeldingen nagelopen." in terminal.getvalue()
    quiet = Terminal()
    call_command("make_image_sizes", verbosity=0, stdout=quiet)
    assert quiet.getvalue() == ""
