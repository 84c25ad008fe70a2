"""The ids the code relies on by name, in one place: the questions the store copies into columns, the report
heads with and the managers filter on, and the triage a manager gives. The loader checks that the rules
define each one (wizard/rules/loading.py)."""
from __future__ import annotations

ADMINISTRATION_NAME = "administration_name"
ADMINISTRATION_TYPE = "administration_type"
PRODUCT_NAME = "product_name"
PHASE = "phase"
# What beta.gouv.fr's records answer (wizard/core/facts.py): the product page, its publication, its phase.
BETA_PAGE_PUBLISHED = "beta_page_published"
BETA_PAGE_URL = "beta_page_url"
# The answers checked against a product's record, in the order the managers' pages and exports show them: what
# beta.gouv.fr's record answers, and the kind of body it gives the sponsor the agent named.
CHECKED_QUESTIONS = (BETA_PAGE_PUBLISHED, BETA_PAGE_URL, PHASE, ADMINISTRATION_TYPE)
# Each named question with the kinds it may have: the store and the filters read a text or an option id.
NAMED_QUESTIONS = {ADMINISTRATION_NAME: ("text",), ADMINISTRATION_TYPE: ("choice",), PRODUCT_NAME: ("text",),
                   PHASE: ("choice",), BETA_PAGE_PUBLISHED: ("boolean",), BETA_PAGE_URL: ("url", "text")}

# The triage of pre-screening, in the order the pages list them; their labels are in rules/messages.yaml.
TRIAGES = ("a_etudier", "a_recontacter", "preselectionne", "ecarte")
TRIAGE_DEFAULT = TRIAGES[0]
