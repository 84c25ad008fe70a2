"""The DSFR the pages load (only the components and icons they use, wizard/web/asset_build.py) against the whole
DSFR as its package ships it: each page, in the same state, must look and work the same with both.

The whole DSFR is put back in the browser itself: the page's own links to the built files are swapped for the
package's dsfr.min.css, icons.min.css and dsfr.module.min.js, served from node_modules."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from browser.test_manage_area import log_in, server  # noqa: F401  (the managers' area, a few assessments in it)
from browser.fixtures import settle
from browser.wizard_pages import continue_, put_draft
from app_on_database import app, rules  # noqa: F401  the app on the test database
from answers import ELIGIBLE
from wizard.paths import DSFR_DIR

DIST = DSFR_DIR / "dist"
WHOLE = "/_dsfr-entier/"
WIDTHS = [1280, 390]
# Pixels may differ where the two fonts' outlines round differently (the built Marianne has no hinting): at most
# this share of the page's pixels, far below what a missing component or icon makes (a whole block restyled).
DIFFERENT_PIXELS = 0.002


def with_whole_dsfr(page) -> None:
    """Make this page load the whole DSFR instead of the built selection (and no preloaded font)."""
    def document(route):
        response = route.fetch(max_redirects=0)  # a redirection is the browser's to follow (and route again)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            route.fulfill(response=response)
            return
        html = response.text()
        html = re.sub(r'<link rel="preload"[^>]*>\s*', "", html)
        html = re.sub(r'href="[^"]*/static/dsfr/dsfr\.[0-9a-f]{12}\.css"',
                      f'href="{WHOLE}dsfr.min.css"><link rel="stylesheet" href="{WHOLE}utility/icons/icons.min.css"',
                      html)
        html = re.sub(r'src="[^"]*/static/dsfr/dsfr\.module\.[0-9a-f]{12}\.js"', f'src="{WHOLE}dsfr.module.min.js"',
                      html)
        assert html.count(WHOLE) == 3, "the layout's links to the DSFR have changed"
        route.fulfill(response=response, body=html)

    page.route(lambda url: "/static/" not in url and WHOLE not in url, document)
    page.route(f"**{WHOLE}**", lambda route: route.fulfill(path=DIST / route.request.url.split(WHOLE, 1)[1]))


def start_page(page, base_url):
    page.goto(base_url + "/")


def header_menu(page, base_url):
    page.goto(base_url + "/")
    faq = page.locator("#menu-principal").get_by_role("link", name="Questions fréquentes")
    expect(faq).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(faq).to_be_visible()
    expect(page.locator("#menu-principal")).to_have_class(re.compile("fr-modal--opened"))


def step_with_errors(page, base_url):
    page.goto(base_url + "/etapes/administration")
    expect(page.locator(".fr-stepper__steps")).to_be_visible()
    continue_(page)
    expect(page.locator(".fr-alert--error")).to_be_visible()
    expect(page.locator(".fr-fieldset--error").first).to_be_visible()


def managers_list_accordion(page, base_url):
    log_in(page, base_url)
    button = page.locator(".fr-accordion__btn").first
    expect(button).to_have_attribute("aria-expanded", "false")
    # A click before the DSFR's script has taken the button does nothing (a loaded CI run met it).
    expect(button).to_have_attribute("data-fr-js-collapse-button", "true")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator(f"#{button.get_attribute('aria-controls')}")).to_be_visible()
    page.wait_for_timeout(600)  # the DSFR's opening transition


def result(page, base_url):
    put_draft(page, base_url, ELIGIBLE, then="/resultat")
    expect(page.locator("#verdict.fr-alert--success")).to_be_visible()


STATES = {"accueil": start_page, "menu": header_menu, "etape-erreurs": step_with_errors, "resultat": result}


def shot(browser, base_url, width, act, whole):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    if whole:
        with_whole_dsfr(page)
    act(page, base_url)
    page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
    settle(page)
    # Under load, the DSFR's script may measure the folded accordions before their layout is done, and they stay
    # taller (blank space under each title). A resize makes it measure them again, on either page.
    page.set_viewport_size({"width": width + 1, "height": 900})
    settle(page)
    page.set_viewport_size({"width": width, "height": 900})
    settle(page)
    image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    context.close()
    return image


def assert_same_look(browser, base_url, width, name, act):
    selected = shot(browser, base_url, width, act, whole=False)
    # Under load, the whole DSFR's script sometimes leaves the result's accordions taller (by 26 px each, for good)
    # even after the resize: a race of its own, not a difference of ours. The reference is shot again then (a
    # loaded CI run once met it three times in a row); ours is shot once, so a change of ours still fails.
    for _ in range(5):
        whole = shot(browser, base_url, width, act, whole=True)
        if whole.size == selected.size:
            break
    difference = ImageChops.difference(whole, selected).convert("L").point(lambda level: 255 if level > 40 else 0)
    if folder := os.environ.get("SCREENSHOTS_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        for image, kind in ((whole, "entier"), (selected, "choisi"), (difference, "difference")):
            image.save(Path(folder) / f"dsfr-{kind}-{name}-{width}.png")
    assert selected.size == whole.size, "la page n'a plus la même taille"
    share = difference.histogram()[255] / (whole.width * whole.height)
    assert share <= DIFFERENT_PIXELS, f"{share:.2%} des pixels diffèrent"


# The header's menu exists at mobile width only.
@pytest.mark.parametrize("state, width", [(state, width) for state in STATES for width in WIDTHS
                                          if state != "menu" or width == 390])
def test_the_selected_dsfr_looks_and_works_as_the_whole_one(browser, base_url, state, width):
    assert_same_look(browser, base_url, width, state, STATES[state])


@pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_managers_list_and_its_accordion_too(browser, server, width):
    assert_same_look(browser, server, width, "gestion-accordeon", managers_list_accordion)
