"""Pages a browser makes from XML with our XSLT (feeds: core/feeds.py).

Chromium 156 announces XSLT's retirement by injecting a banner into the
result (``<xslt-warning-banner>``, with an inline style and an inline event
handler). Our Content-Security-Policy refuses both, so readers do not see
it, and the console reports the refusals. Neither the banner nor those
refusals are ours: ``set_banner_aside`` checks that our own markup has no
inline style or handler, then removes the banner and forgets exactly those
refusals, so the page's checks (axe, structure, problems) judge our page.
"""

BANNER = "xslt-warning-banner"
REFUSALS = (
    "Applying inline style violates",
    "Executing inline event handler violates",
)


def set_banner_aside(page) -> None:
    inline = page.evaluate(
        """banner => [...document.querySelectorAll("*")]
            .filter(el => !el.closest(banner))
            .flatMap(el => [...el.attributes].map(a => a.name))
            .filter(name => name === "style" || name.startsWith("on"))""",
        BANNER,
    )
    assert inline == [], f"inline style or script in our XSLT output: {inline}"
    if page.locator(BANNER).count():
        page.evaluate("banner => document.querySelector(banner).remove()", BANNER)
        page.problems[:] = [
            problem
            for problem in page.problems
            if not any(refusal in problem for refusal in REFUSALS)
        ]
