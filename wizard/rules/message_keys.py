"""The keys of rules/messages.yaml that the code fills in: the checker requires each one and refuses any other."""
from wizard.rules.ids import TRIAGES
from wizard.rules.model import OUTCOMES

# Message keys the code fills in; the catalogue must define each one.
MESSAGE_KEYS = {
    "statuses": OUTCOMES,
    "statuses_short": OUTCOMES,
    "verdicts": OUTCOMES,
    "answers": ("not_given", "missing", "invalid_choice", "invalid_boolean", "invalid_level", "invalid_text", "control_character",
                "mixed_scripts", "too_long", "invalid_pattern", "invalid_email", "unknown_question", "criteria_incomplete", "not_a_mapping"),
    "score": ("explanation_reached", "explanation_below", "explanation_blocked", "explanation_blocked_many", "threshold", "threshold_below",
              "threshold_no_blocking", "heading", "method", "reading"),
    "criteria": ("not_assessed", "blocking"),
    "result": ("eligible_action", "to_confirm_action", "to_confirm_button", "to_confirm_subject", "to_confirm_subject_of",
               "to_confirm_other", "to_confirm_dossier", "passed",
               "next_call_action", "next_call_button", "next_call_subject", "next_call_subject_of"),
    "triage": TRIAGES,
    "steps": ("optional", "faq", "stakes_summary", "stake_progress", "skipped", "skip", "skip_criteria_again", "save_for_later"),
    "notices": ("resume_expired", "resume_step", "questions_revealed", "changes_saved", "resumed", "logged_out",
                "triage_saved", "restarted", "bulk_saved", "bulk_refused", "inform_sent", "inform_sent_folder"),
    # The header's and footer's links (the DSFR footer's, in its order), by the page they lead to.
    "layout": ("faq", "site_map", "accessibility", "legal_notice", "personal_data", "terms", "stats"),
    # Where a saved assessment comes from, in the managers' pages and exports.
    "origins": ("web", "import"),
    # The product search (templates/beta/_step.html).
    "beta_search": ("results_heading", "count_one", "count_many", "first_page", "one_match", "choose_button",
                    "sponsor_button"),
    # The managers' exports' first columns (then each question and each criterion, under their labels).
    "export_columns": ("number", "created", "updated", "origin", "status", "band", "percent", "points", "blocking",
                       "contact", "triage", "triage_comment", "triage_by", "triage_at", "rules_version",
                       "declared", "recorded", "beta_synced", "differs"),
    # The last line of an export that could not be finished (wizard/manage/export.py, export_xlsx.py).
    "export": ("interrupted", "too_long"),
    # The managers' area: its forms' labels and errors, the list's sorts and filters, the login's refusals.
    "manage": ("email", "email_required", "password", "password_required", "login_failed", "too_many_failures",
               "triage", "triage_required", "comment", "comment_too_long", "control_character", "date_out_of_range",
               "status", "band", "type", "phase", "verified", "since", "until", "search", "sort", "direction", "page",
               "any", "legacy_phases", "inverted_range", "sort_date", "sort_score", "sort_name", "sort_product",
               "sort_status", "direction_desc", "direction_asc", "verified_yes", "verified_no", "history", "assign", "assign_to", "assign_to_me", "assign_nobody",
               "assign_button", "assigned", "unassigned", "assigned_to",
               # pre-screening as a team (wizard/manage/team.py)
               "number", "beta_page", "grouping", "grouping_product", "grouping_none", "group_count", "group_only",
               "select_column", "select_row", "bulk_choice", "bulk_none", "bulk_invalid", "bulk_title", "bulk_intro",
               "bulk_triage", "bulk_button", "history_informed", "inform_body", "inform_body_required",
               "inform_body_too_long",
               # declared beside recorded (wizard/manage/checked.py)
               "differs", "differs_yes", "differs_no", "declared_value", "recorded_value", "not_verified", "not_declared",
               "recorded_since", "checked_caption",
               # one ZIP of reports at a time per manager (wizard/manage/reports_zip.py)
               "zip_running_title", "zip_running", "zip_running_help"),
    # "Informer l'agent": the page, the message proposed for each triage (bodies, by triage id).
    "inform": ("title", "open", "open_hint", "intro", "to", "subject_label", "subject", "begins", "ends", "private",
               "button", "cancel", "changed_title", "changed", "bodies"),
    # ProConnect's sign-in: the button, and each refusal's page (wizard/manage/proconnect_views.py).
    "proconnect": ("or", "what_is", "what_is_title", "login", "local_accounts", "refused_title", "who_to_ask",
                   "back_to_login", "refused_state", "refused_provider", "refused_id_token", "refused_userinfo",
                   "refused_acr", "refused_not_allowed", "refused_unreachable"),
    # The accounts' roles, and the page of a route above one's role (wizard/manage/roles.py).
    "roles": ("lecture", "gestion", "administration", "forbidden_title", "forbidden", "contact_hidden"),
    # What the report says of itself: the rules it applies ({promotion}, {version}, {date}); its QR code's text
    # alternative ({label}, {url}).
    "report": ("rules_version", "version_of", "version", "qr_alternative", "address_declared", "recorded_beside"),
    # The public statistics page (/stats).
    "stats": ("title", "description", "lead", "total", "months", "chart", "month", "count", "verdicts", "verdict", "share",
              "causes", "causes_note", "cause", "no_cause", "dossiers", "dossiers_text", "masked", "nothing", "data",
              "updated"),
    # The save form (the agent's optional contact address).
    "saving": ("contact_email_invalid", "contact_email", "attach_pdf", "attach_pdf_hint"),
    # A word back: the Observatoire's button, the report of an error (templates/_feedback.html).
    "feedback": ("title", "monavis_intro", "monavis_button", "report_intro", "report_button", "report_subject",
                 "report_body", "saved_reference"),
    # /donnees-personnelles: the e-mails, the links, what is typed and kept, the word back.
    "privacy": ("address_use", "mail_title", "mail_what", "mail_kept", "mail_sender", "mail_no_provider",
                "mail_never_logged", "links_title", "links_read", "links_pending", "links_feedback"),
    # A text field's limit and its counter.
    "counter": ("max_length", "counter", "counter_over"),
    # The agent's e-mails (templates/mail/, wizard/web/mail_letters.py).
    "mail": ("resume_subject", "again_subject", "greeting", "saved_on", "verdict", "edit_heading", "edit_intro",
             "edit_link", "edit_warning", "read_heading", "read_intro", "read_link", "retention", "attached",
             "again_intro", "again_item", "again_older_links", "unnamed", "not_you", "reply", "signature"),
    # The links' pages: sent, asked for again, not opening, opened over answers in progress; the address.
    "links": ("sent_to", "sent_to_attached", "sent_to_not_attached", "sent_to_folder", "no_address", "again_later",
              "again_title", "again_intro", "again_address",
              "again_address_hint", "again_button", "again_required", "again_done_title", "again_done",
              "again_done_help", "again_too_many", "unknown_title", "unknown_truncated", "unknown_gone",
              "unknown_help", "conflict_title", "conflict_intro", "conflict_open", "conflict_open_hint",
              "conflict_keep", "conflict_keep_hint", "address_title", "address_current", "address_none",
              "address_field", "address_button", "address_saved", "address_removed", "share_label", "share_hint",
              "share_title", "share_intro", "share_new", "share_revoke", "share_revoked", "share_new_title",
              "share_back", "read_notice", "read_pdf", "start_saved", "lost_kept", "lost_kept_help", "lost_gone", "lost_gone_help"),
}
