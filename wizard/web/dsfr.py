"""Serve the DSFR build straight from node_modules (never copied into the repo)."""

import json

from flask import Blueprint

from wizard.paths import DSFR_DIR
from wizard.web import fixed_urls
from wizard.web.fixed_urls import fixed_url

ONE_YEAR = 365 * 24 * 3600


class _LongCacheBlueprint(Blueprint):
    def get_send_file_max_age(self, filename):
        # The URL carries the DSFR version, so files never change behind it.
        return ONE_YEAR


def register(app):
    """Serve the DSFR at /static/dsfr/<version>/ and add the template globals its layout (base.html) links with:
    `dsfr_url(filename)` and `fixed_url(endpoint, **values)`."""
    dist = DSFR_DIR / "dist"
    if not dist.is_dir():
        raise RuntimeError(
            f"DSFR introuvable dans {dist} : lancez `npm ci` à la racine du dépôt "
            "(l'installation du DSFR exige DSFR_ACCEPT_LICENSE=1 ou un fichier .dsfr.yml)."
        )
    version = json.loads((DSFR_DIR / "package.json").read_text())["version"]
    bp = _LongCacheBlueprint(
        "dsfr", __name__, static_folder=dist, static_url_path=f"/static/dsfr/{version}"
    )
    app.register_blueprint(bp)
    fixed_urls.register(app)
    app.add_template_global(lambda filename: fixed_url("dsfr.static", filename=filename), "dsfr_url")
