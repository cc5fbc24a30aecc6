"""A real browser for the test suite: Playwright driving Debian's Chromium.

Fixtures:
- ``browser``: one headless Chromium for the browser tests of this package.
- ``page``: a fresh browser tab per test, in Dutch, whose relative URLs
  (``page.goto("/")``) go to pytest-django's ``live_server`` on the real
  PostgreSQL. ``page.problems`` lists console errors (CSP violations
  included), uncaught exceptions and failed sub-resources.
  ``page_without_js`` is the same with JavaScript switched off.
- ``blank_page``: a tab without a server, for ``page.set_content(...)``.

Playwright's own browser download cannot work on our machines, so we launch
the distribution's Chromium (``apt-get install chromium``; another binary via
``CHROMIUM_PATH``; ``make test`` installs it, see scripts/system-packages).
Without it these tests fail: a silently skipped browser suite would prove
nothing. ``SKIP_BROWSER=1`` leaves them out on purpose, and the summary of the
run lists them as skipped for that reason.

When a test that uses a page fails, a screenshot of that page is saved to
``artifacts/failures/<test name>.png``.
"""

import contextlib
import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parents[2]
FAILURES_DIR = BASE_DIR / "artifacts" / "failures"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI and dev containers run as root
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    # Without these Chromium phones home at start-up; on a closed network
    # those connections are refused and slow or break the launch.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
]
VIEWPORT = {"width": 1280, "height": 800}
# A page of our own site answers in milliseconds; waiting 30 s (Playwright's
# default) for a missing element only makes a failing run slow.
TIMEOUT_MS = 5_000

_reports = pytest.StashKey[dict]()


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(items):
    """Every test that uses the browser carries the ``browser`` marker (except
    the on-demand screenshots, so ``-m browser`` does not take them along)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and not any(
            item.iter_markers("screenshots")
        ):
            item.add_marker(pytest.mark.browser)
    if os.environ.get("SKIP_BROWSER") == "1":
        skip = pytest.mark.skip(reason="SKIP_BROWSER=1: browser tests left out")
        for item in items:
            if any(item.iter_markers("browser")):
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report so the page fixture knows, at teardown,
    # whether the test failed and a screenshot is worth saving.
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


def _missing_browser(message: str):
    pytest.fail(
        f"{message} To leave the browser tests out: SKIP_BROWSER=1.", pytrace=False
    )


# Package scope, not session: while Playwright's sync API is started, its
# event loop counts as "running" in this thread, and Django then refuses ORM
# calls (SynchronousOnlyOperation) in the test itself and in pytest-django's
# database set-up and flush. Those calls are synchronous and safe here, so
# DJANGO_ALLOW_ASYNC_UNSAFE is set while, and only while, the browser runs;
# the fixture ends (and the variable is restored) before the rest of the
# suite, which keeps Django's guard for every other test.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        _missing_browser(
            f"No Chromium at {CHROMIUM_PATH}: install it with "
            "`apt-get install chromium` (or set CHROMIUM_PATH)."
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_page(browser, request, **context_options):
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORT, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _record_problems(page)
    yield page
    reports = request.node.stash.get(_reports, {})
    if any(report.failed for report in reports.values()):
        FAILURES_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
        try:
            page.screenshot(path=FAILURES_DIR / f"{name}.png", full_page=True)
        except Exception as error:
            print(f"Could not save a failure screenshot: {error}")
    context.close()


def _record_problems(page) -> None:
    """Collect in ``page.problems`` what a developer would see in the browser's
    console: errors (CSP violations among them), uncaught exceptions, failed
    or 4xx/5xx sub-resources (a missing stylesheet or script)."""
    problems = page.problems = []

    def on_console(message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        # The status of the document itself (a 404 page) is the test's business.
        if message.text.startswith("Failed to load resource") and url == page.url:
            return
        problems.append(f"console: {message.text} {url}".strip())

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"exception: {error}"))

    def on_failed(request):
        # The browser's own favicon fetch, cancelled because the page moved
        # on (a click, a reload) before it finished: no resource the page
        # needed is missing. Any other failure, or a favicon that is really
        # missing (a 404, reported as a console error), still counts.
        if request.failure == "net::ERR_ABORTED" and "favicon" in request.url:
            return
        problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", on_failed)


@pytest.fixture(scope="session")
def warm_live_server(live_server, django_db_setup, django_db_blocker):
    """The live server's first request pays for what Django does once per
    process (the URLconf with every admin, the first templates, the
    translation catalogue): seconds on a busy machine, which the first
    test's 5 s navigation budget then took the blame for (seen on the admin
    login). Made once here, outside any test's budget; what it answers does
    not matter."""
    # The login page: it loads the URLconf and the admin and writes nothing
    # (a page that might create a row would leave it for every test).
    url = live_server.url + "/admin/login/"  # http://localhost:<port>, ours
    with django_db_blocker.unblock(), contextlib.suppress(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=120).read()  # noqa: S310


@pytest.fixture
def page(browser, live_server, warm_live_server, request):
    """A tab on the live server: ``page.goto("/")`` opens the home page."""
    yield from _new_page(browser, request, base_url=live_server.url)


@pytest.fixture
def page_without_js(browser, live_server, warm_live_server, request):
    """As ``page``, with JavaScript off: every page must work without it."""
    yield from _new_page(
        browser, request, base_url=live_server.url, java_script_enabled=False
    )


@pytest.fixture
def blank_page(browser, request):
    """A tab without a server, for documents given by ``set_content``."""
    yield from _new_page(browser, request)
