"""The reaction form's page takes its limits, labels and help texts from the
form (comments/forms.py), so the two cannot contradict each other."""

import html as html_lib
import re

import pytest
from django.test import Client

from comments.forms import ReactionForm

from .helpers import reply_url

pytestmark = pytest.mark.django_db


def _input(page: str, name: str) -> str:
    match = re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>', page)
    assert match, name
    return match.group(0)


def test_limits_labels_and_help_texts_come_from_the_form(article):
    page = html_lib.unescape(Client().get(reply_url(article)).content.decode())
    form = ReactionForm(item=article, staff=False)
    for name in ("name", "email", "text", "answer"):
        field = form.fields[name]
        assert f'maxlength="{field.max_length}"' in _input(page, name), name
        assert str(field.label) in page, name
        if field.help_text:
            assert str(field.help_text) in page, name
    assert str(form.fields["notify_replies"].label) in page
    assert str(form.fields["notify_replies"].help_text) in page
    assert str(form.honeypot_field.label) in page
    assert "5000 tekens" in page  # what a visitor reads, in Dutch


def test_a_changed_limit_reaches_the_page(article, monkeypatch):
    field = ReactionForm.base_fields["name"]
    monkeypatch.setattr(field, "max_length", 60)
    page = Client().get(reply_url(article)).content.decode()
    assert 'maxlength="60"' in _input(page, "name")
