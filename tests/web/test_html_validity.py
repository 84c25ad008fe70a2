"""Every kind of page the app renders passes the Nu HTML checker (vnu.jar from npm's vnu-jar, on Debian's Java)
with zero errors: the wizard's steps (also with their error messages), the check, each verdict, the report,
the FAQ, the footer's pages, the managers' area, the error pages."""
import email
import email.policy
import re
import secrets

from pages import post_form
from answers import ELIGIBLE, INELIGIBLE, TO_CONFIRM, WITHOUT_CRITERIA
from web.journey import submit_step, walk
from wizard.manage import accounts
from wizard.store import db
from wizard.store.models import OutboxMessage
from sqlalchemy import select

FIXED_PAGES = ("/", "/faq", "/accessibilite", "/mentions-legales", "/plan-du-site", "/donnees-personnelles",
               "/cgu", "/stats", "/gestion/connexion", "/page-inexistante")


class RecordingClient:
    """Keeps every HTML page it gets, under a name that says where it comes from."""

    def __init__(self, client, pages):
        self.client, self.pages = client, pages

    def __getattr__(self, name):
        return getattr(self.client, name)

    def get(self, url, **kwargs):
        return self._keep(url, self.client.get(url, **kwargs))

    def post(self, url, **kwargs):
        return self._keep(url, self.client.post(url, **kwargs))

    def _keep(self, url, response):
        if response.mimetype == "text/html":
            name = f"{len(self.pages):03d}{url.replace('/', '_').replace('?', '_')}.html"
            self.pages[name] = response.get_data(as_text=True)
        return response


def rendered_pages(app) -> dict[str, str]:
    pages: dict[str, str] = {}
    for answers in (ELIGIBLE, TO_CONFIRM, INELIGIBLE, WITHOUT_CRITERIA):
        client = RecordingClient(app.test_client(), pages)
        submit_step(client, "/etapes/administration", {})  # the error summary and messages
        walk(client, answers)
        for url in ("/verification", "/resultat", "/rapport"):
            client.get(url)
    client = RecordingClient(app.test_client(), pages)
    for url in FIXED_PAGES:
        client.get(url)
    _managers_area(app, client)
    _links_pages(app, pages)
    return pages


def _links_pages(app, pages) -> None:
    """The pages of the links and of saving for later, and the HTML part of each e-mail to the agent."""
    client = RecordingClient(app.test_client(), pages)
    walk(client, ELIGIBLE)
    submit_step(client, "/etapes/dossier", {"dossier_probleme": "x" * 2001}, button="enregistrer")
    client.get("/etapes/dossier")
    address = f"vnu-{secrets.token_hex(4)}@anct.gouv.fr"
    saved = post_form(client, "/enregistrer/plus-tard?depuis=dossier", "/enregistrer", courriel=address)
    pages["saved.html"] = saved.get_data(as_text=True)
    resume, read = (re.search(rf"http://localhost(/{kind}/[\w-]+)", pages["saved.html"]).group(1)
                    for kind in ("reprendre", "consulter"))
    client.get("/verification")
    client.get(read)
    client.get(resume[:20])
    other = RecordingClient(app.test_client(), pages)
    walk(other, TO_CONFIRM)
    other.get(resume)  # over other answers: the conflict page
    other.get("/recevoir-mon-lien")
    post_form(other, "/recevoir-mon-lien", "/recevoir-mon-lien", courriel="camille@")
    post_form(other, "/recevoir-mon-lien", "/recevoir-mon-lien", courriel=address)
    before, app.config["MONAVIS_URL"] = app.config.get("MONAVIS_URL"), "https://voxusagers.numerique.gouv.fr/Demarches/4242?&view-mode=formulaire-avis"
    try:  # the result with « Je donne mon avis », shown only when configured
        other.get("/resultat")
    finally:
        app.config["MONAVIS_URL"] = before
    with app.app_context():
        for number, raw in enumerate(db.session().scalars(select(OutboxMessage.raw).where(
                OutboxMessage.recipient == address)).all()):
            message = email.message_from_bytes(raw, policy=email.policy.default)
            pages[f"mail-{number}.html"] = message.get_body(("html",)).get_content()
    assert any(name.startswith("mail-1") for name in pages)  # the save's and the links sent again


def _managers_area(app, client) -> None:
    email, password = f"vnu-{secrets.token_hex(4)}@numerique.gouv.fr", secrets.token_urlsafe(16)
    with app.app_context():
        accounts.add_manager(db.session(), email, password)
    post_form(client, "/gestion/connexion", "/gestion/connexion", email="x@y.fr", password="mauvais-mot-de-passe")
    post_form(client, "/gestion/connexion", "/gestion/connexion", email=email, password=password)
    client.get("/gestion/")


def test_every_page_passes_the_nu_html_checker(app, nu_errors):
    pages = rendered_pages(app)
    assert len(pages) > 40 and any("gestion" in name for name in pages)
    errors = nu_errors(pages)
    assert not errors, f"{len(errors)} erreur(s) vnu :\n" + "\n".join(errors[:40])
