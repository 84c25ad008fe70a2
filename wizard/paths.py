"""Where the project's folders are: the rules, the templates, our static files, the DSFR from npm, the static files
built from both at install (generated/, ignored by git), the migrations."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"
INSTANCE_DIR = ROOT / "instance"
MIGRATIONS_DIR = ROOT / "migrations"
DSFR_DIR = ROOT / "node_modules" / "@gouvfr" / "dsfr"
ASSETS_DIR = ROOT / "generated" / "static"
ASSETS_MANIFEST = ROOT / "generated" / "manifest.json"
# The report's stylesheets, on the page and in the PDF (wizard/report/pdf_layout.py; the PDF cache's key reads them).
PDF_STYLESHEETS = (STATIC_DIR / "css" / "report.css", STATIC_DIR / "css" / "report-pdf.css")
