"""The pages keep the markup that depends on the rules only (wizard/fragments.py): each agent still sees their own
answers, an error is shown only to whom made it, and no one ever sees what another agent typed."""
import re

from jinja2 import Environment
from markupsafe import Markup

from answers import ELIGIBLE, INELIGIBLE
from checked_app import make_app
from web.journey import submit_step, walk
from wizard import fragments


def client_page(client, url: str):
    return client.get(url).page


def page(client, url: str) -> str:
    return client.get(url).get_data(as_text=True)


def test_each_agent_sees_the_choices_they_made(app):
    first, second = app.test_client(), app.test_client()
    walk(first, ELIGIBLE)
    walk(second, {**ELIGIBLE, "phase": "acceleration", "probleme_avere": 1, "profils": ["directeur_technique"]})
    for client, phase, other in ((first, "construction", "acceleration"), (second, "acceleration", "construction")):
        html = page(client, "/etapes/produit")
        assert f'value="{phase}" checked' in html and f'value="{other}" checked' not in html
    assert 'name="probleme_avere" value="3" checked' in page(first, "/etapes/criteres")
    assert 'name="probleme_avere" value="1" checked' in page(second, "/etapes/criteres")
    assert 'value="directeur_produit" checked' in page(first, "/etapes/profils")
    assert 'value="directeur_produit" checked' not in page(second, "/etapes/profils")


def test_each_result_shows_its_own_reasons_and_levels(app):
    first, second = app.test_client(), app.test_client()
    walk(first, ELIGIBLE)
    walk(second, {**INELIGIBLE, "probleme_avere": 0})
    eligible, ineligible = page(first, "/resultat"), page(second, "/resultat")
    assert "Votre réponse\xa0: Administration centrale" in eligible and "Collectivité" not in eligible
    assert "Votre réponse\xa0: Collectivité" in ineligible
    assert "Point bloquant" not in eligible and "Point bloquant" in ineligible
    assert client_page(first, "/resultat").alert("verdict")[0] == "succès"
    assert client_page(second, "/resultat").alert("verdict")[0] == "erreur"


def test_an_error_is_shown_only_to_whom_made_it(app):
    first, second = app.test_client(), app.test_client()
    for client in (first, second):  # both on the product step, not answered yet
        submit_step(client, "/etapes/administration", ELIGIBLE)
    without_phase = {key: value for key, value in ELIGIBLE.items() if key != "phase"}
    wrong = submit_step(first, "/etapes/produit", without_phase).get_data(as_text=True)
    assert 'id="phase-error-1"' in wrong
    assert 'id="phase-error-1"' not in page(second, "/etapes/produit")
    assert 'id="phase-error-1"' not in page(first, "/etapes/produit")


def test_what_an_agent_typed_is_never_kept(app):
    client = app.test_client()
    walk(client, {**ELIGIBLE, "product_name": "Produit confidentiel A", "administration_name": "Service B"})
    assert "Produit confidentiel A" in page(client, "/etapes/produit")
    kept = app.jinja_env.globals["fragment"].kept
    assert kept and not any("confidentiel" in markup or "Service B" in markup for markup in kept.values())


def test_beyond_its_limit_the_store_renders_without_keeping(monkeypatch):
    monkeypatch.setattr(fragments, "LIMIT", 1)
    fragment, calls = fragments.Fragments(Environment(auto_reload=False)), []

    def caller():
        calls.append(1)
        return Markup("<p>x</p>")

    for key in ("a", "a", "b", "b"):
        assert fragment(key, caller=caller) == Markup("<p>x</p>")
    assert len(calls) == 3  # "a" rendered once, then kept; "b" rendered each time
    fragment("a", keep=False, caller=caller)
    assert len(calls) == 4


def test_a_selection_counts_as_the_set_of_its_values():
    fragment, calls = fragments.Fragments(Environment(auto_reload=False)), []
    for selection in (["a", "b"], ["b", "a", "a"], ["b", "a"]):
        fragment("profils", selection, caller=lambda: calls.append(1) or Markup("<p>x</p>"))
    assert len(calls) == 1 and len(fragment.kept) == 1


def test_while_templates_reload_nothing_is_kept():
    fragment, calls = fragments.Fragments(Environment(auto_reload=True)), []
    for _ in range(2):
        fragment("a", caller=lambda: calls.append(1) or Markup("<p>x</p>"))
    assert len(calls) == 2 and not fragment.kept


def _pages(client) -> dict[str, str]:
    """Every page of the walk the agent can see, CSRF tokens (per session) left out."""
    urls = [f"/etapes/{step}" for step in ("administration", "produit", "mission", "criteres", "profils", "dossier")]
    pages = {url: page(client, url) for url in [*urls, "/verification", "/resultat", "/rapport"]}
    return {url: re.sub(r'name="csrf_token" (type="hidden" )?value="[^"]+"', "", html) for url, html in pages.items()}


def test_kept_markup_is_what_each_agent_would_see_without_it(app):
    """Each kept fragment rendered under two contexts that differ: two agents, the second after the first, on an
    app that keeps fragments and on one that keeps none (as while templates reload): every page is the same."""
    agents = (ELIGIBLE, {**INELIGIBLE, "phase": "acceleration", "probleme_avere": 0, "profils": ["directeur_technique"]})
    unkept = make_app()
    unkept.jinja_env.auto_reload = True  # nothing kept (wizard/fragments.py)
    for answers in agents:
        seen = []
        for each in (app, unkept):
            client = each.test_client()
            walk(client, answers)
            seen.append(_pages(client))
        assert seen[0] == seen[1]
