"""The system packages ``make test`` needs: one list, one installer.

scripts/system-packages.txt names them; scripts/system-packages installs the
missing ones as root on Debian, and everywhere else stops ``make`` at once
with the command to run. This machine has them all, so the installer's other
paths run against stand-ins for ``id``, ``dpkg-query`` and ``apt-get``.
"""

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import django
import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SCRIPT = BASE_DIR / "scripts" / "system-packages"
LIST = BASE_DIR / "scripts" / "system-packages.txt"

# Each tool the suite or `make test` runs, a file that runs it, and the package.
TOOLS = {
    "msgfmt": (
        Path(django.__file__).parent / "core/management/commands/compilemessages.py",
        "gettext",
    ),
    "pdftotext": ("tests/dossiers/test_pdf.py", "poppler-utils"),
    "java": ("tests/html_validation.py", "default-jre-headless"),
    "npm": ("Makefile", "npm"),
    "mariadbd": ("tests/drupal7/mariadb.py", "mariadb-server"),
    "chromium": ("tests/browser/conftest.py", "chromium"),
    "varnishd": ("scripts/cacheproxy.py", "varnish"),
    "xkey": ("deploy/varnish/default.vcl", "varnish-modules"),
}


def entries() -> dict[str, tuple[set[str], str]]:
    """package: (who needs it, check), as the installer reads the list."""
    found = {}
    for line in LIST.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        package, uses, check = line.split(None, 2)
        found[package] = (set(uses.split(",")), check)
    return found


def test_the_list_names_a_package_for_every_tool_the_suite_calls():
    listed = entries()
    for tool, (user, package) in TOOLS.items():
        assert tool in (BASE_DIR / user).read_text(), f"{user} no longer runs {tool}"
        assert package in listed, f"{package} ({tool}) is not in {LIST.name}"
        assert tool in listed[package][1], f"the check of {package} ignores {tool}"


def test_compilemessages_needs_msgfmt_so_make_test_installs_packages_first():
    """The list is installed before anything else `make test` does."""
    makefile = (BASE_DIR / "Makefile").read_text()
    test_rule = next(line for line in makefile.splitlines() if line.startswith("test:"))
    assert test_rule.split()[1] == "system-packages"
    run_rule = next(line for line in makefile.splitlines() if line.startswith("run:"))
    assert run_rule.split()[1] == "system-packages-run"
    serve = next(line for line in makefile.splitlines() if line.startswith("serve:"))
    assert serve.split()[1] == "system-packages-serve"


@pytest.mark.parametrize("package", sorted(entries()))
def test_each_check_finds_its_tool_on_this_machine_and_the_name_is_debians(package):
    """The checks are right (they pass here, where everything is installed),
    and each name is a package Debian knows."""
    _uses, check = entries()[package]
    assert subprocess.run(["bash", "-c", check], check=False).returncode == 0, check
    known = subprocess.run(
        ["dpkg-query", "-W", package], capture_output=True, check=False
    )
    assert known.returncode == 0, f"dpkg does not know {package}"


def test_the_image_and_make_run_get_only_what_they_need():
    def listed(purpose, **env):
        result = subprocess.run(
            [SCRIPT, "--for", purpose, "--list"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        )
        return result.stdout.split()

    image = listed("image")
    assert "libpango-1.0-0" in image
    assert "chromium" not in image
    assert "gettext" not in image  # compiled in the build stage
    assert "gettext" in listed("build")
    assert set(listed("run")) == set(image) | set(listed("build"))
    assert "chromium" in listed("test")
    # The caching proxy: make serve and the tests, not the image (compose
    # runs the official varnish image).
    assert {"varnish", "varnish-modules"} <= set(listed("serve"))
    assert set(listed("serve")) - {"varnish", "varnish-modules"} == set(listed("run"))
    assert "varnish" in listed("test", SKIP_BROWSER="1")
    everything_but_the_browser = listed("test", SKIP_BROWSER="1")
    assert "chromium" not in everything_but_the_browser
    assert "mariadb-server" in everything_but_the_browser


@pytest.fixture
def machine(tmp_path):
    """A PATH of its own: ``id -u`` says ``uid``; on ``debian``, ``dpkg-query``
    knows only ``installed`` and ``apt-get`` writes its arguments to apt.log;
    else neither exists."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "make"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    log = tmp_path / "apt.log"

    def stub(name, body):
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{body}\n")
        path.chmod(0o755)

    def make(*, uid: int, debian: bool, installed=(), sudo=False):
        stub("id", f"echo {uid}")
        if debian:
            known = " ".join(shlex.quote(p) for p in installed)
            stub(
                "dpkg-query",
                f'for p in {known}; do [ "${{@: -1}}" = "$p" ] '
                "&& { echo -n installed; exit 0; }; done; exit 1",
            )
            stub("apt-get", f'echo "$*" >> {log}')
        if sudo:
            stub("sudo", "exit 0")
        return {"PATH": str(bin_dir), "HOME": str(tmp_path)}

    make.log = log
    make.tmp = tmp_path
    return make


def run_installer(env, list_text, tmp_path, *args):
    listing = tmp_path / "list.txt"
    listing.write_text(list_text)
    return subprocess.run(
        [SCRIPT, "--for", "test", *args],
        env={**env, "SYSTEM_PACKAGES_LIST": str(listing)},
        capture_output=True,
        text=True,
        check=False,
    )


LIST_WITH_TWO_MISSING = """\
# package   for     check
present     test    false
absent-one  test    false
absent-two  build   false
provided    test    true
"""


def test_as_root_on_debian_it_installs_only_what_is_missing_with_one_update(
    machine,
):
    env = machine(uid=0, debian=True, installed=["present"])
    result = run_installer(env, LIST_WITH_TWO_MISSING, machine.tmp)
    assert result.returncode == 0, result.stderr
    calls = machine.log.read_text().splitlines()
    assert calls == [
        "update -qq",
        "install -y -qq --no-install-recommends absent-one absent-two",
    ]
    assert "Installing missing system packages: absent-one absent-two" in (
        result.stdout
    )


def test_nothing_missing_prints_nothing_and_installs_nothing(machine):
    env = machine(uid=0, debian=True, installed=["present", "absent-one"])
    result = run_installer(env, "present test false\nprovided test true\n", machine.tmp)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not machine.log.exists()


def test_as_a_user_on_debian_it_stops_with_the_exact_command(machine):
    env = machine(uid=1000, debian=True, installed=["present"], sudo=True)
    result = run_installer(env, LIST_WITH_TWO_MISSING, machine.tmp)
    assert result.returncode == 1
    assert "missing: absent-one absent-two" in result.stderr
    assert (
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        "absent-one absent-two"
    ) in result.stderr
    assert not machine.log.exists()


def test_on_another_system_it_names_debians_packages_and_stops(machine):
    env = machine(uid=0, debian=False)
    result = run_installer(env, LIST_WITH_TWO_MISSING, machine.tmp)
    assert result.returncode == 1
    assert "Debian's names" in result.stderr
    assert (
        "apt-get install -y --no-install-recommends present absent-one absent-two"
        in result.stderr
    )


def test_make_test_stops_at_once_when_a_package_is_missing(machine):
    env = machine(uid=1000, debian=True, sudo=True)
    listing = machine.tmp / "list.txt"
    listing.write_text("movisie-missing-tool test false\n")
    started = time.monotonic()
    result = subprocess.run(
        ["make", "-s", "test"],
        cwd=BASE_DIR,
        env={**env, "SYSTEM_PACKAGES_LIST": str(listing)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "apt-get install -y --no-install-recommends movisie-missing-tool" in (
        result.stderr
    )
    assert "ruff" not in result.stdout + result.stderr  # stopped before lint
    assert time.monotonic() - started < 10


def test_skip_browser_is_the_one_way_to_leave_browser_tests_out_and_says_so():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/browser/test_checks_bite.py",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "SKIP_BROWSER": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "SKIP_BROWSER=1: browser tests left out" in result.stdout
    summary = result.stdout.splitlines()[-1]
    assert "skipped" in summary
