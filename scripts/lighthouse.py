"""``make lighthouse``: Lighthouse scores of the main page types of a running site.

Start the site first (``make run``), then ``make lighthouse``. It reads the
demo content's addresses from the site itself (the first dossier on the home
page, its newest version, the first comparison its version list links, the
newest article, the first theme; the search page and a results page), runs
Lighthouse (npm ``lighthouse``, pinned in package.json) in Debian's headless
Chromium on each, prints the four category scores per page and writes the
JSON reports to
``artifacts/lighthouse/``. Exits 1 when a score is under LIGHTHOUSE_MIN (95),
except where only an audit failed on purpose (``ON_PURPOSE``: the results
page's noindex), which it prints as such.

Settings (environment): LIGHTHOUSE_URL (default http://127.0.0.1:$PORT, PORT
8000), LIGHTHOUSE_PRESET ("mobile", Lighthouse's default, or "desktop"),
CHROME_PATH (default /usr/bin/chromium). Not part of ``make test``: scores
depend on the machine's load.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
REPORTS = BASE_DIR / "artifacts" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.read().decode()


def first_link(html: str, pattern: str) -> str | None:
    match = re.search(rf'href="({pattern})"', html)
    return match.group(1) if match else None


def page_paths(base: str) -> dict[str, str]:
    """The page types to score, found by following the site's own links."""
    home = get(base + "/")
    dossier = first_link(home, r"/dossiers/[-\w]+/")
    article = first_link(home, r"/artikelen/[-\w]+/")
    theme = first_link(home, r"/themas/[-\w]+/")
    paths = {"home": "/", "dossier": dossier, "article": article, "theme": theme}
    versions_html = get(base + dossier + "versies/")
    paths["version"] = first_link(versions_html, r"/dossiers/[-\w]+/versies/\d+/")
    paths["comparison"] = first_link(
        versions_html, r"/dossiers/[-\w]+/versies/\d+\.\.\.\d+/"
    )
    numbers = sorted(
        {int(n) for n in re.findall(rf'href="{dossier}versies/(\d+)/"', versions_html)}
    )
    if not paths["comparison"] and len(numbers) > 1:
        # No comparison linked (older versions kept only a note): score the
        # page that says so, between the two newest versions.
        paths["comparison"] = f"{dossier}versies/{numbers[-2]}...{numbers[-1]}/"
    # The search page itself is for search engines; its results are not.
    paths["search"] = "/zoeken/"
    paths["results"] = "/zoeken/?q=sociale+innovatie"
    return {name: path for name, path in paths.items() if path}


# Audits a page type fails on purpose, with the reason; every other audit of
# its category must pass. A results page is ``noindex``: a search engine
# should send people to the dossiers and articles, not to our list of them
# (Google: "use robots.txt or noindex to prevent crawling of search results
# pages", https://developers.google.com/search/docs/essentials/spam-policies).
# Lighthouse weighs that one audit so heavily that SEO reads 69.
ON_PURPOSE = {"results": {"is-crawlable": "noindex and robots.txt on purpose"}}


def score(url: str, name: str, preset: str) -> dict[str, int]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name}-{preset}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {
        **os.environ,
        "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
    }
    # A loaded machine now and then loses the trace (NO_NAVSTART): try again.
    for attempt in range(3):
        if subprocess.run(command, check=False, env=env).returncode == 0:
            break
        if attempt == 2:
            raise RuntimeError(f"Lighthouse failed three times on {url}")
    return json.loads(report.read_text())


def scores_of(data: dict) -> dict[str, int]:
    return {
        category: round(data["categories"][category]["score"] * 100)
        for category in CATEGORIES
    }


def failed_audits(data: dict, category: str) -> set[str]:
    """The audits of ``category`` that count and did not pass."""
    return {
        ref["id"]
        for ref in data["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and data["audits"][ref["id"]]["score"] not in (1, None)
    }


def main() -> int:
    base = os.environ.get(
        "LIGHTHOUSE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    ).rstrip("/")
    preset = os.environ.get("LIGHTHOUSE_PRESET", "mobile")
    minimum = int(os.environ.get("LIGHTHOUSE_MIN", "95"))
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `make node_modules`.", file=sys.stderr)
        return 2
    try:
        paths = page_paths(base)
    except OSError as exc:
        print(f"No site at {base} ({exc}); start it with `make run`.", file=sys.stderr)
        return 2
    failed = False
    print(f"Lighthouse ({preset}) on {base}")
    print(f"{'page':<12}" + "".join(f"{c:>16}" for c in CATEGORIES) + "  path")
    notes = []
    for name, path in paths.items():
        data = score(base + path, name, preset)
        scores = scores_of(data)
        for category, value in scores.items():
            if value >= minimum:
                continue
            excused = ON_PURPOSE.get(name, {})
            if excused and failed_audits(data, category) <= set(excused):
                notes.append(
                    f"{name} {category} {value}: only {', '.join(excused)} fails "
                    f"({'; '.join(excused.values())})"
                )
            else:
                failed = True
        print(
            f"{name:<12}"
            + "".join(f"{scores[c]:>16}" for c in CATEGORIES)
            + f"  {path}",
            flush=True,
        )
    for note in notes:
        print(note)
    if failed:
        print(f"A score is under {minimum}.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
