"""One declaration of a dossier's sections (dossiers/sections.py); the model,
snapshots, comparisons, admin, demo, Drupal mapping and the diff benchmark
derive from it."""

import subprocess
from pathlib import Path

import pytest

from core.richtext import RichTextField
from dossiers import diff, versions
from dossiers.admin import DossierAdmin
from dossiers.demo import TEXT_FIELDS as DEMO_FIELDS
from dossiers.models import SECTION_HEADINGS, Dossier
from dossiers.sections import SECTIONS, TEXT_FIELDS
from drupal7.mapping import TARGET_FIELDS
from tests.factories import DossierFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def test_the_declared_fields_are_the_models_section_fields():
    model_sections = [
        field.name
        for field in Dossier._meta.get_fields()
        if isinstance(field, RichTextField) and field.heading_levels == SECTION_HEADINGS
    ]
    assert list(TEXT_FIELDS) == model_sections
    for section in SECTIONS:
        if section.parts:
            assert Dossier._meta.get_field(section.parts).related_model


@pytest.mark.django_db
def test_the_page_snapshot_comparison_admin_demo_and_import_follow_it():
    assert [s["anchor"] for s in DossierFactory().all_sections()] == [
        s.anchor for s in SECTIONS
    ]
    assert set(TEXT_FIELDS) <= set(versions.DOSSIER_FIELDS)
    assert {s.parts for s in SECTIONS if s.parts} <= set(versions.PARTS)
    assert list(diff.SECTION_SOURCES)[1:] == [s.anchor for s in SECTIONS]
    fieldsets = dict(DossierAdmin.fieldsets)
    assert [
        fields
        for fields in (options["fields"] for options in fieldsets.values())
        if set(fields) & set(TEXT_FIELDS)
    ] == [list(TEXT_FIELDS)]
    assert set(TEXT_FIELDS) <= set(DEMO_FIELDS)
    assert set(TEXT_FIELDS) <= set(TARGET_FIELDS["dossier"])


def test_the_list_of_sections_is_written_in_one_module():
    """grep finds a section field's name, quoted, only in the declaration
    (and in the model that defines the field, unquoted)."""
    found = subprocess.run(
        [
            "git",
            "grep",
            "-l",
            '"facts_and_figures"',
            "--",
            "*.py",
            ":!tests",
            ":!*/migrations/*",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert found == ["dossiers/sections.py"]
