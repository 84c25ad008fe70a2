"""Serve the DSFR build straight from node_modules (never copied into the repo)."""

import json
from pathlib import Path

from flask import Blueprint, url_for

DSFR_DIR = Path(__file__).resolve().parent.parent / "node_modules" / "@gouvfr" / "dsfr"
ONE_YEAR = 365 * 24 * 3600


class _LongCacheBlueprint(Blueprint):
    def get_send_file_max_age(self, filename):
        # The URL carries the DSFR version, so files never change behind it.
        return ONE_YEAR


def register(app):
    """Serve the DSFR at /static/dsfr/<version>/ and add the `dsfr_url(filename)` template global."""
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
    app.add_template_global(lambda filename: url_for("dsfr.static", filename=filename), "dsfr_url")
