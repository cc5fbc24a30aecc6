"""The README is the front door; the rest is the docs/ site (MkDocs)."""

import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
LOCK_FILES = {"uv.lock", "package-lock.json"}
# An absolute path of a machine the project was built on, not of the project.
MACHINE_PATH = re.compile(r"(?<![\w.~])/(work|root|home/\w+|Users/\w+)/")


def test_the_readme_is_a_front_door_with_the_two_commands():
    readme = (BASE_DIR / "README.md").read_text()
    assert len(readme.splitlines()) < 200
    quick_start = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1]
    commands = quick_start.split("```", 1)[0].splitlines()
    assert commands == ["make run", "make test"]
    for guide in ("docs/editors/index.md", "docs/operators/index.md"):
        assert f"]({guide})" in readme


def test_no_file_names_a_path_of_the_machine_it_was_built_on():
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=BASE_DIR, capture_output=True, check=True
    ).stdout.split(b"\0")
    found = []
    for name in filter(None, (n.decode() for n in tracked)):
        path = BASE_DIR / name
        if path.name in LOCK_FILES or not path.is_file():
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue  # images, fonts
        found += [
            f"{name}:{number}: {line.strip()}"
            for number, line in enumerate(text.splitlines(), 1)
            if MACHINE_PATH.search(line)
        ]
    assert found == []


def test_the_docs_build_with_every_link_and_anchor_found(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(tmp_path),
        ],
        cwd=BASE_DIR,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "editors" / "modereren" / "index.html").exists()
