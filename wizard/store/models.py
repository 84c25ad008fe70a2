"""The stored records: saved assessments, managers' accounts, their login sessions, failed logins, their ZIPs being
streamed, the outbox, the copy of beta.gouv.fr's records.

Times are naive UTC everywhere (SQLite keeps no time zone); pages convert them to Paris time.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, LargeBinary, MetaData, String, Text, false, true
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from wizard.rules.ids import TRIAGE_DEFAULT

ORIGIN_WEB, ORIGIN_IMPORT = "web", "import"

# Named constraints, so that migrations can alter them on SQLite too (batch mode recreates tables by name).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# JSONB on PostgreSQL: stored parsed and compressed.
JSON_DOCUMENT = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Assessment(Base):
    """One assessment: the answers and the result as computed, plus the columns the managers filter on."""
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # The last change, of the answers or of the triage: the managers' list shows it and sorts by it. Nullable as
    # SQLite adds a column without copying the table only so; every write sets it.
    changed_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, index=True)
    origin: Mapped[str] = mapped_column(String(10))
    # SHA-256 of the agent's resume token; the token itself is never stored.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # SHA-256 of an imported row's answers: importing the same row again adds nothing.
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    rules_version: Mapped[str] = mapped_column(String(64))
    administration_name: Mapped[str | None] = mapped_column(String)
    # The name in lower case without accents, for searching and sorting as a French reader expects.
    name_folded: Mapped[str | None] = mapped_column(String, index=True)
    administration_type: Mapped[str | None] = mapped_column(String(64), index=True)
    # The product's name, shown beside the administration's (one administration may file several products).
    product_name: Mapped[str | None] = mapped_column(String)
    product_folded: Mapped[str | None] = mapped_column(String, index=True)
    phase: Mapped[str | None] = mapped_column(String(64), index=True)
    # The address of the product's beta.gouv.fr page (the answer, as normalised): the product's identity, which
    # groups the assessments of one product in the managers' list.
    beta_page: Mapped[str | None] = mapped_column(String(300), index=True)
    # Whether the product page and phase were checked against beta.gouv.fr's records (result["facts"]).
    verified: Mapped[bool] = mapped_column(default=False, server_default=false(), index=True)
    # Out of the same facts: whether an answer declared differs from the record (the list's filter), the phase
    # declared (`phase` is the one that decides, the recorded one when checked), the kind of body beta.gouv.fr
    # gives the sponsor named, and when the copy checked against was taken.
    declared_differs: Mapped[bool] = mapped_column(default=False, server_default=false(), index=True)
    declared_phase: Mapped[str | None] = mapped_column(String(64))
    recorded_type: Mapped[str | None] = mapped_column(String(64))
    beta_synced_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), index=True)
    band: Mapped[str | None] = mapped_column(String(32), index=True)
    percent: Mapped[float | None] = mapped_column(Float, index=True)
    triage: Mapped[str] = mapped_column(String(20), default=TRIAGE_DEFAULT, index=True)
    triage_comment: Mapped[str | None] = mapped_column(Text)
    triage_by: Mapped[str | None] = mapped_column(String(254))
    triage_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The address the agent gave, if any, for the managers to recontact them about this assessment only.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    # The manager this assessment is given to (managers.id; no foreign key, which SQLite cannot add to a table
    # without copying it: a removed account's assessments are given back, wizard/manage/accounts.py).
    assigned_to: Mapped[int | None] = mapped_column(index=True)
    # Raised by each update of the answers, and of the triage: a page shows the version it read, and a save or a
    # triage posted from a page older than the stored version is refused, never silently written over it.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    triage_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # False for an assessment saved before its verdict (from a step): the agent's to resume, not in the managers' list.
    complete: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The answers and the result live in a table of their own: this one stays a few hundred bytes a row,
    # which keeps filtering, counting and paging 100,000 assessments fast, on SQLite as on PostgreSQL.
    document: Mapped[AssessmentDocument] = relationship(cascade="all, delete-orphan", passive_deletes=True)

    @property
    def answers(self) -> dict[str, Any]:
        return self.document.answers

    @property
    def result(self) -> dict[str, Any]:
        return self.document.result

    @property
    def completed_steps(self) -> list[str]:
        return self.document.completed_steps or []


class TriageEvent(Base):
    """One triage decision, kept: who, when, from what to what, with which comment (the detail's history)."""
    __tablename__ = "triage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    by: Mapped[str] = mapped_column(String(254))
    from_triage: Mapped[str] = mapped_column(String(20))
    to_triage: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    # TRIAGE_DECIDED, or TRIAGE_INFORMED: the agent told the outcome by e-mail (from_triage = to_triage, the
    # outcome told; the message itself is not kept).
    kind: Mapped[str] = mapped_column(String(20), default="decided", server_default="decided")


TRIAGE_DECIDED, TRIAGE_INFORMED = "decided", "informed"


class AssessmentDocument(Base):
    """What an assessment holds: the answers (normalised) and the result as computed, read one at a time."""
    __tablename__ = "assessment_documents"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)
    result: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)
    # The questionnaire steps the agent had completed, so that resuming puts them back where they were.
    completed_steps: Mapped[list[str] | None] = mapped_column(JSON_DOCUMENT)
    # What was typed but not accepted yet (a text over its limit…), by field, as typed: saved from a step, it comes
    # back whole with its error (see Draft.pending).
    pending: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOCUMENT)


# What an account may do (wizard/manage/roles.py): read without the agents' addresses; triage and export; accounts too.
ROLES = ("lecture", "gestion", "administration")
ROLE_DEFAULT = "gestion"


class Manager(Base):
    """A DINUM portfolio manager's account, made from the command line, or at a first ProConnect sign-in from an
    allowed domain. An account that signs in with ProConnect only has an empty password hash, which no password
    matches."""
    __tablename__ = "managers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    role: Mapped[str] = mapped_column(String(20), default=ROLE_DEFAULT, server_default=ROLE_DEFAULT)
    # ProConnect's stable identifier of the person, kept once first seen: an e-mail that changes there still
    # opens this account, never a second one.
    proconnect_sub: Mapped[str | None] = mapped_column(String(255), index=True, unique=True)
    # The name ProConnect gives (given_name usual_name), shown beside the address.
    name: Mapped[str | None] = mapped_column(String(254))


class ManagerSession(Base):
    """A manager's login session: the signed cookie holds a random key whose SHA-256 is `id`. Deleting the row
    (logout, the account removed, a new password, idle too long) ends the session, whatever cookie is replayed."""
    __tablename__ = "manager_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("managers.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    manager: Mapped[Manager] = relationship()


class LoginFailure(Base):
    """A failed login, kept in the database so that the rate limit holds across app processes."""
    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_email_at", "email", "at"),
        Index("ix_login_failures_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(45))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class AnonymousSave(Base):
    """A new assessment saved from the public site, counted per client address so that one client cannot fill the
    database; in the database, so that the limit holds across app processes."""
    __tablename__ = "anonymous_saves"
    __table_args__ = (Index("ix_anonymous_saves_ip_at", "ip", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ip: Mapped[str] = mapped_column(String(45))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class ZipDownload(Base):
    """A ZIP of reports being streamed to a manager (wizard/manage/reports_zip.py). The primary key makes it one per
    manager at a time, across every app process on the database; the row goes when the download ends."""
    __tablename__ = "zip_downloads"

    manager_id: Mapped[int] = mapped_column(ForeignKey("managers.id", ondelete="CASCADE"), primary_key=True,
                                            autoincrement=False)
    started_at: Mapped[datetime] = mapped_column(DateTime)


class Draft(Base):
    """The answers of an assessment in progress: kept server-side, because the dossier's texts outgrow a cookie
    (browsers keep ~4 KB); the agent's session cookie holds only the key whose SHA-256 is `id`."""
    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)
    completed_steps: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)
    # Typed on a step saved for later ("Enregistrer et reprendre plus tard") but not valid yet, by field, as typed:
    # the step shows it again with its error, never cut, never lost.
    pending: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOCUMENT)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


# --- The copy of beta.gouv.fr's public records (eig-wizard beta sync replaces it whole) -------------------------

class BetaSync(Base):
    """When the copy of beta.gouv.fr's records was taken, from where, and a digest of what it held."""
    __tablename__ = "beta_syncs"

    id: Mapped[int] = mapped_column(primary_key=True)
    synced_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(300))
    digest: Mapped[str] = mapped_column(String(64))
    products: Mapped[int]
    organisations: Mapped[int]


class BetaOrganisation(Base):
    """A body that sponsors beta.gouv.fr products."""
    __tablename__ = "beta_organisations"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String)
    acronym: Mapped[str | None] = mapped_column(String)
    domain: Mapped[str | None] = mapped_column(String)
    type: Mapped[str | None] = mapped_column(String(64))


class BetaProduct(Base):
    """A beta.gouv.fr product; `search_text` is its name, id and page address folded (lower case, no accents)."""
    __tablename__ = "beta_products"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String)
    pitch: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String)
    search_text: Mapped[str] = mapped_column(Text)
    phases: Mapped[list[BetaPhase]] = relationship(order_by="BetaPhase.position", cascade="all, delete-orphan",
                                                   passive_deletes=True)
    sponsors: Mapped[list[BetaSponsor]] = relationship(order_by="BetaSponsor.position", cascade="all, delete-orphan",
                                                       passive_deletes=True)


class BetaPhase(Base):
    """One phase of a product, in the record's order: the last one is the current phase."""
    __tablename__ = "beta_phases"

    product_id: Mapped[str] = mapped_column(ForeignKey("beta_products.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    start: Mapped[str | None] = mapped_column(String(32))
    end: Mapped[str | None] = mapped_column(String(32))


class BetaSponsor(Base):
    """A body that sponsors a product (an organisation id; the record may name one the organisations lack)."""
    __tablename__ = "beta_sponsors"

    product_id: Mapped[str] = mapped_column(ForeignKey("beta_products.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[str] = mapped_column(String(200))


# --- E-mail: written to the outbox in the transaction that causes it, sent by wizard/mail/outbox.py ------------

class OutboxMessage(Base):
    """An e-mail to send. `raw` is the whole message (RFC 5322 bytes), erased once sent, for a message may hold a
    resume link, which the database otherwise keeps only as a SHA-256; `eig-wizard purge` deletes sent messages."""
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # what caused it ("resume_link", "links_again"…), for the throttle
    recipient: Mapped[str | None] = mapped_column(String(254))
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # When a sender may try it next; a sender that takes it pushes this forward (its lease), so two never send it.
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)


class OutboxAttempt(Base):
    """One try at sending a message: when, and the server's refusal or the fault (None: sent)."""
    __tablename__ = "outbox_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    error: Mapped[str | None] = mapped_column(Text)


class AssessmentLink(Base):
    """A link to a saved assessment beside the one made at the first save: an edit link sent again by e-mail
    ("Recevoir à nouveau mon lien"), or a read-only link to share. Only the token's SHA-256 is kept."""
    __tablename__ = "assessment_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # LINK_EDIT or LINK_READ
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


LINK_EDIT, LINK_READ = "edit", "read"
