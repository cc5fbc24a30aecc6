"""Accessibility checks for a Playwright page (WCAG 2.1 AA).

``assert_accessible(page)`` runs axe-core with the WCAG 2.0/2.1 A and AA
rules. The other helpers check what axe cannot see on its own: one h1,
headings in order, landmarks, the skip link, the language, text resized to
200 %, reflow at 320 px, visible keyboard focus and colour contrast computed
from the styles the browser actually applied.

Every helper raises AssertionError with a message that says what is wrong
and where, so a failing test reads as a to-do list.
"""

import itertools

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe marks these for manual review ("incomplete") instead of failing them,
# because it cannot always tell whether the problem matters. On our pages it
# always does: an aria-describedby/labelledby pointing at a duplicated id
# may announce the wrong text.
REVIEW_RULES_THAT_FAIL = {"duplicate-id-aria"}
_axe = Axe()


def axe_violations(page: Page, *, context=None) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page."""
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    results = _axe.run(page, context=context, options=options).response
    return results["violations"] + [
        result
        for result in results["incomplete"]
        if result["id"] in REVIEW_RULES_THAT_FAIL
    ]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line.strip()}" for line in summary.splitlines())
    return "\n".join(lines)


def assert_accessible(page: Page, *, context=None) -> None:
    """Zero axe-core violations of WCAG 2.0/2.1 A and AA on the current page.

    ``context`` narrows the check to part of the page (an axe context, e.g.
    ``"#reacties"``); by default the whole document is checked.
    """
    violations = axe_violations(page, context=context)
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url}:\n"
        + format_violations(violations)
    )


def assert_lang_is_dutch(page: Page) -> None:
    lang = page.locator("html").get_attribute("lang")
    assert lang == "nl", f'<html lang="{lang}"> on {page.url}, expected "nl"'


def assert_one_h1(page: Page) -> None:
    texts = page.locator("h1").all_inner_texts()
    assert len(texts) == 1, f"{len(texts)} h1 elements on {page.url}: {texts}"


def assert_headings_in_order(page: Page) -> None:
    """The page starts at h1 and never skips a level going down (h2 → h4)."""
    headings = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6",
        "els => els.map(el => [Number(el.tagName[1]), el.textContent.trim()])",
    )
    assert headings, f"No headings on {page.url}"
    problems = []
    if headings[0][0] != 1:
        problems.append(f"first heading is h{headings[0][0]} {headings[0][1]!r}")
    for (previous, _), (level, text) in itertools.pairwise(headings):
        if level > previous + 1:
            problems.append(f"h{previous} is followed by h{level} {text!r}")
    outline = "\n".join(f"  {'  ' * (lvl - 1)}h{lvl} {txt}" for lvl, txt in headings)
    assert not problems, (
        f"Headings skip a level on {page.url}: {'; '.join(problems)}\n{outline}"
    )


def assert_landmarks(page: Page) -> None:
    """One banner (header), one main, one contentinfo (footer), named navs."""
    counts = {
        role: page.get_by_role(role).count()
        for role in ("banner", "main", "contentinfo")
    }
    problems = [f"{n} {role}" for role, n in counts.items() if n != 1]
    navs = page.get_by_role("navigation")
    if navs.count() == 0:
        problems.append("no navigation")
    if navs.count() > 1:
        # Several navs must be told apart by screen-reader users.
        names = [nav.evaluate(_ACCESSIBLE_NAME_JS) for nav in navs.all()]
        if None in names or len(set(names)) != len(names):
            problems.append(f"navigation landmarks without distinct names: {names}")
    assert not problems, f"Landmarks on {page.url}: {', '.join(problems)}"


# A landmark's name: aria-labelledby (the text of the elements it points
# to) wins over aria-label, as in the accessible name computation.
_ACCESSIBLE_NAME_JS = """el => {
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const text = ids.map(id => document.getElementById(id))
    .filter(Boolean).map(ref => ref.textContent.trim()).join(' ');
  return text || el.getAttribute('aria-label') || null;
}"""


def focus_from_the_top(page: Page) -> None:
    """The next Tab goes to the first focusable element of the page, as after
    loading a page without autofocus. (Blurring alone is not enough: Tab then
    continues from where the focus was, e.g. an error summary given focus.)"""
    page.evaluate(
        """() => {
          const start = document.createElement('span');
          start.tabIndex = -1;
          document.body.prepend(start);
          start.focus();
          start.remove();
        }"""
    )


def assert_skip_link_works(page: Page) -> None:
    """Tab once from page load focuses a visible skip link; Enter moves focus
    to the main content."""
    focus_from_the_top(page)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
          const el = document.activeElement;
          const box = el.getBoundingClientRect();
          return {tag: el.tagName, href: el.getAttribute('href'),
                  text: el.textContent.trim(),
                  visible: box.width > 0 && box.height > 0 && box.top >= 0
                           && box.bottom <= innerHeight};
        }"""
    )
    is_skip_link = focused["tag"] == "A" and (focused["href"] or "").startswith("#")
    assert is_skip_link, (
        f"The first Tab on {page.url} focuses {focused}, not a skip link"
    )
    assert focused["visible"], f"The focused skip link is not visible: {focused}"
    page.keyboard.press("Enter")
    target = focused["href"][1:]
    in_target = page.evaluate(
        """id => {
          const target = document.getElementById(id);
          const el = document.activeElement;
          return {ok: !!target && target.contains(el),
                  focused: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')};
        }""",
        target,
    )
    assert in_target["ok"], (
        f"Enter on the skip link leaves focus on {in_target['focused']}, "
        f"not in #{target}"
    )
    main_id = page.get_by_role("main").get_attribute("id")
    assert target == main_id, f"The skip link goes to #{target}, main is #{main_id}"


def assert_text_resizable(page: Page) -> None:
    """Text at 200 % (WCAG 1.4.4): no horizontal scrolling, h1 still in view.

    The root font size is doubled through the CSSOM (allowed by our CSP, unlike
    a style attribute), as a browser's "text only" zoom does; everything sized
    in rem/em grows with it.
    """
    h1 = page.locator("h1").first
    before = float(h1.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        after = float(h1.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        assert after >= 1.9 * before, (
            f"h1 font size went from {before}px to {after}px at 200 %: "
            "text is not sized relative to the root font size"
        )
        _assert_no_horizontal_overflow(page, "at 200 % text size")
        box = h1.bounding_box()
        width = page.viewport_size["width"]
        in_view = box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert in_view, f"The h1 leaves the viewport at 200 % text size: {box}"
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")


def assert_reflows_at_320_css_pixels(page: Page) -> None:
    """WCAG 1.4.10: at 320 CSS px wide (1280 px at 400 % zoom) no
    horizontal scrolling."""
    original = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        _assert_no_horizontal_overflow(page, "at 320 CSS px wide")
    finally:
        page.set_viewport_size(original)


def _assert_no_horizontal_overflow(page: Page, when: str) -> None:
    overflow = page.evaluate(
        """() => {
          const doc = document.documentElement, main = document.querySelector('main');
          const wide = [...document.querySelectorAll('main *')]
            .filter(el => el.getBoundingClientRect().right > doc.clientWidth + 1)
            .slice(0, 5).map(el => el.outerHTML.slice(0, 100));
          return {page: doc.scrollWidth - doc.clientWidth,
                  main: main ? main.scrollWidth - main.clientWidth : 0, wide};
        }"""
    )
    fits = overflow["page"] <= 1 and overflow["main"] <= 1
    assert fits, (
        f"Horizontal overflow {when} on {page.url}: page {overflow['page']}px, "
        f"main {overflow['main']}px; too wide: {overflow['wide']}"
    )


def focus_indicator(page: Page) -> dict:
    """How the focused element shows its focus (outline, box shadow)."""
    return page.evaluate(
        """() => {
          const el = document.activeElement, s = getComputedStyle(el);
          return {element: el.outerHTML.slice(0, 100),
                  outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                  shadow: s.boxShadow !== 'none'};
        }"""
    )


def assert_focus_visible_on_every_stop(page: Page, *, limit: int = 100) -> int:
    """Tab through the page: every element that gets focus shows it.

    Returns the number of focus stops, so callers can assert they got some.
    """
    focus_from_the_top(page)
    seen, invisible = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus_indicator(page)
        if state["element"].startswith("<body") or state["element"] in seen:
            break
        seen.append(state["element"])
        if not (state["outline"] or state["shadow"]):
            invisible.append(state["element"])
    assert not invisible, f"No visible focus on {page.url} for: {invisible}"
    return len(seen)


_CONTRAST_JS = """
(selector) => {
  const parse = (c) => {
    const m = c.match(/^rgba?\\(([^)]+)\\)$/);
    if (!m) throw new Error('Unparsed colour ' + c);
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const luminance = ({r, g, b}) => {
    const f = (v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    return layers.reverse().reduce((bg, layer) => over(layer, bg),
                                   {r: 255, g: 255, b: 255, a: 1});
  };
  return [...document.querySelectorAll(selector)]
    .filter(el => el.getClientRects().length && el.textContent.trim())
    .map(el => {
      const s = getComputedStyle(el), bg = background(el);
      const fg = over(parse(s.color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      return {element: el.outerHTML.slice(0, 80), color: s.color,
              background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`,
              ratio: Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100};
    });
}
"""

KEY_TEXT = (
    "h1, h2, h3, main p, main li, main a, label, header a, nav a, "
    "footer p, footer a, button"
)


def contrast_ratios(page: Page, selector: str = KEY_TEXT) -> list[dict]:
    """Text/background contrast of the visible elements matching ``selector``,
    from computed styles (background images are not taken into account)."""
    return page.evaluate(_CONTRAST_JS, selector)


def assert_text_contrast(page: Page, selector: str = KEY_TEXT, minimum=4.5) -> None:
    ratios = contrast_ratios(page, selector)
    assert ratios, f"Nothing matched {selector!r} on {page.url}"
    low = [r for r in ratios if r["ratio"] < minimum]
    assert not low, f"Contrast below {minimum}:1 on {page.url}:\n" + "\n".join(
        f"  {r['ratio']}:1 {r['color']} on {r['background']}: {r['element']}"
        for r in low
    )


def assert_all(page: Page, *checks) -> None:
    """Run every check on the page, then fail once listing all that failed,
    so one page load reports every problem instead of only the first."""
    failures = []
    for check in checks:
        try:
            check(page)
        except AssertionError as error:
            failures.append(f"{check.__name__}: {error}")
    assert not failures, "\n\n".join(failures)


def assert_page_problems_free(page: Page) -> None:
    """No console errors, CSP violations, exceptions or failed files (see
    ``page.problems`` in tests/browser/conftest.py)."""
    assert page.problems == [], f"Browser problems on {page.url}: {page.problems}"


# What every page rendered with templates/base.html must pass on load.
SITE_PAGE_CHECKS = (
    assert_accessible,
    assert_lang_is_dutch,
    assert_one_h1,
    assert_headings_in_order,
    assert_landmarks,
    assert_page_problems_free,
)
