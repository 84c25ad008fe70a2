"""Playwright fixtures on Debian's Chromium (never `playwright install`), and axe-core checks.

A plugin of the top-level conftest, so that every test folder shares one browser and one live server
(two Playwright sessions at once cannot run in one process)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium introuvable : installez le paquet Debian chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets axe be injected into pages served with our strict CSP.
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.fixture
def page_no_js(browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    yield context.new_page()
    context.close()


def _describe(violation):
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
    return f"{violation['id']} ({violation['impact']}) : {violation['help']} → {targets}"


def settle(page) -> None:
    """Wait for the DSFR's transitions (started by a load, a resize or a click) and the fonts: colours and sizes
    read half-way through them are not the page's. The DSFR's script sets its components up over several frames,
    so a transition may start after a first look: wait until five frames in a row have none and the same height."""
    page.evaluate("""async () => {
        const frame = () => new Promise(done => requestAnimationFrame(done));
        let height = -1, still = 0;
        for (let frames = 0; still < 5 && frames < 600; frames++) {
            await frame();
            const running = document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity);
            await Promise.all(running.map(a => a.finished.catch(() => null)));
            const now = document.documentElement.scrollHeight;
            still = now === height && !running.length ? still + 1 : 0;
            height = now;
        }
        await document.fonts.ready;
    }""")


# A phone's width and a desktop's, in the order at_each_width visits them: it ends at the desktop's, where the
# tests go on clicking.
WIDTHS = (390, 1280)


def at_each_width(page, check) -> None:
    """check(width) on the page as laid out at each width: one walk through the pages sees both, without walking
    twice (the steps before the page under test are the same at any width)."""
    for width in WIDTHS:
        if page.viewport_size["width"] != width:
            page.set_viewport_size({"width": width, "height": 900})
            _laid_out_again(page)
        check(width)


def _laid_out_again(page) -> None:
    """Two frames for the new width's layout, then the end of the transitions it started (the DSFR's folded
    menus): cheaper than settle(), which also waits for a page's first set-up and its fonts."""
    page.evaluate("""async () => {
        for (let i = 0; i < 2; i++) await new Promise(done => requestAnimationFrame(done));
        const running = document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity);
        await Promise.all(running.map(a => a.finished.catch(() => null)));
    }""")


def axe_violations(page) -> list[str]:
    """axe-core (WCAG 2.1 A and AA) on the page as it is now, each violation described with its elements. Only
    the violations are gathered and sent back: the passes, which axe would also list with their elements, are
    most of the work of a run and of what it returns."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} introuvable : lancez `npm ci`")
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per page, whatever the widths it is checked at
        page.add_script_tag(path=AXE_JS)
    violations = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                            resultTypes: ['violations']})
                                        .then(result => result.violations)""", WCAG_TAGS)
    return [_describe(violation) for violation in violations]


@pytest.fixture
def assert_no_axe_violations():
    """Return a function running axe-core on a page, once it has settled, and failing on any violation."""

    def check(page):
        settle(page)
        violations = axe_violations(page)
        assert not violations, f"axe sur {page.url} :\n- " + "\n- ".join(violations)

    return check


@pytest.fixture(scope="session")
def base_url():
    """The real app, served once for the whole session (plain HTTP on loopback, as in the embedded run)."""
    from browser.server import serve_wsgi
    from checked_app import make_app

    app = make_app(SESSION_COOKIE_SECURE=False)
    with serve_wsgi(app) as url:
        app.config["PUBLIC_URL"] = url  # the absolute links point at this server, as EIG_PUBLIC_URL would say
        yield url


@pytest.fixture
def screenshot():
    """Save a full-page screenshot when SCREENSHOTS_DIR is set (to look at every page at each width)."""
    folder = os.environ.get("SCREENSHOTS_DIR")

    def take(page, name):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(folder) / f"{name}.png", full_page=True)

    return take
