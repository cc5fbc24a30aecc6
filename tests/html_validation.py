"""Valid HTML: documents checked by the Nu Html Checker (vnu.jar from npm).

``assert_valid_html(html, name)`` checks one document; ``assert_valid_html_
documents({name: html, ...})`` checks several in one Java run (the JVM start
costs seconds, so batch where you can). Both fail listing every error with
its document, line and message.

vnu.jar is pinned in package.json and installed by ``make node_modules``
(part of ``make test``, which also installs Java: scripts/system-packages).
Without Java or node_modules the tests fail with a hint.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _require_validator() -> str:
    java = shutil.which("java")
    problem = None
    if not java:
        problem = (
            "No Java runtime: install one with `apt-get install default-jre-headless`."
        )
    elif not VNU_JAR.exists():
        problem = f"No {VNU_JAR.relative_to(BASE_DIR)}: run `make node_modules`."
    if problem:
        pytest.fail(problem, pytrace=False)
    return java


def html_errors(documents: dict[str, str]) -> dict[str, list[dict]]:
    """vnu's errors for each named document (warnings are not counted)."""
    java = _require_validator()
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        names_by_url = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number}.html"
            path.write_text(html, encoding="utf-8")
            names_by_url[f"file:{path}"] = name  # how vnu names a file
        result = subprocess.run(
            [
                java,
                # Only the fast JIT tier: a run this short is over before the
                # optimising compiler pays off (about 1.3 s instead of 5 s).
                "-XX:TieredStopAtLevel=1",
                # vnu's schema evaluation recurses deeply (it asks for >= 512k).
                "-Xss4m",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--stdout",
                *[url.removeprefix("file:") for url in names_by_url],
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise AssertionError(
            f"vnu.jar gave no JSON (exit {result.returncode}): {result.stderr[:2000]}"
        ) from None
    errors = {name: [] for name in documents}
    for message in messages:
        name = names_by_url.get(message.get("url"), "(vnu)")
        if message["type"] in {"error", "non-document-error"}:
            errors.setdefault(name, []).append(message)
        elif message["message"].startswith("The first occurrence of ID"):
            # Where the other copy of a duplicated id is: worth showing.
            errors.setdefault(name, []).append({**message, "note": True})
    return errors


def format_errors(name: str, errors: list[dict]) -> str:
    count = sum(1 for error in errors if not error.get("note"))
    lines = [f"{name}: {count} error(s)"]
    for error in errors:
        where = f"line {error.get('lastLine', '?')}"
        if "firstColumn" in error:
            where += f", column {error['firstColumn']}"
        extract = (error.get("extract") or "").replace("\n", "↵")
        prefix = "  (note) " if error.get("note") else "  "
        lines.append(f"{prefix}{where}: {error['message']}  [{extract}]")
    return "\n".join(lines)


def assert_valid_html_documents(documents: dict[str, str]) -> None:
    errors = html_errors(documents)
    failing = {
        name: errs
        for name, errs in errors.items()
        if any(not error.get("note") for error in errs)
    }
    assert not failing, "Invalid HTML (Nu Html Checker):\n" + "\n".join(
        format_errors(name, errs) for name, errs in failing.items()
    )


def assert_valid_html(html: str, name: str = "document") -> None:
    assert_valid_html_documents({name: html})
