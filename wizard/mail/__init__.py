"""E-mail: messages queued in the outbox within the caller's transaction, sent later (wizard/mail/outbox.py), over
SMTP or as files (wizard/mail/transport.py). See docs/adr/015-mail-outbox.md."""
