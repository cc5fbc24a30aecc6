"""Migrations keep the code they run: none imports the project's apps, whose
code changes after the migration was written (Django docs, "Data
migrations": use the historical models, copy what a migration needs)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# What makemigrations itself writes into a field's definition: Django needs
# the validator importable there and runs no project code with it.
SCHEMA_REFERENCES = {("feedback/migrations/0001_initial.py", "feedback.models")}


def _project_packages() -> set[str]:
    return {p.parent.name for p in ROOT.glob("*/__init__.py")}


def test_no_migration_imports_the_projects_apps():
    packages = _project_packages()
    assert {"dossiers", "comments", "core"} <= packages
    found = []
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        name = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(), name)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                if module.split(".")[0] in packages and (
                    (name, module) not in SCHEMA_REFERENCES
                ):
                    found.append(f"{name}:{node.lineno} imports {module}")
    assert found == []
