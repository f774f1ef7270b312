"""States the app stores and shows, as enums. Their values are what the database rows and the JSON output hold,
so a member compares equal to the stored string. (Tier: domain/validation.py; Role: domain/roles.py.)"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """A tenant's (and a key's) Stripe mode. Here, not in validation.py (which still exports it), so the GUI's first
    window (ui/palette.py) does not import the validation rules."""

    TEST = "test"
    LIVE = "live"


class ConnectionState(StrEnum):
    """A tenant's connected Stripe account."""

    PENDING = "pending"  # connected, but Stripe does not yet let it take charges and payouts
    CONNECTED = "connected"
    RESTRICTED = "restricted"  # Stripe disabled something or wants overdue information
    DISCONNECTED = "disconnected"


class DeliveryOutcome(StrEnum):
    """How one webhook delivery attempt ended."""

    OK = "ok"
    HTTP_ERROR = "http_error"
    REDIRECT = "redirect"
    TIMEOUT = "timeout"
    CONNECT_ERROR = "connect_error"
    NETWORK_ERROR = "network_error"


class KeyStatus(StrEnum):
    """An API key at a moment in time."""

    ACTIVE = "active"
    EXPIRING = "expiring"  # rolled with a grace period that has not ended
    EXPIRED = "expired"
    REVOKED = "revoked"


USABLE = (KeyStatus.ACTIVE, KeyStatus.EXPIRING)  # a key that still authenticates


class Health(StrEnum):
    """What `doctor` says overall (anything else is "broken: …" with the reasons)."""

    OK = "ok"


class AuditOutcome(StrEnum):
    OK = "ok"
    FAILED = "failed"
    LOCKED = "locked"


class EventOutcome(StrEnum):
    """What applying one Stripe Connect event did."""

    APPLIED = "applied"
    IGNORED = "ignored"  # not a Connect event, or older than the saved copy
    REFUSED = "refused"  # bad signature, wrong mode, another tenant's account, unreadable


class FeedState(StrEnum):
    """The live change feed from other operators (PostgreSQL LISTEN, or the SQLite poll)."""

    CONNECTING = "connecting"
    UP = "up"
    DOWN = "down"


class Access(StrEnum):
    """What this OS account can do with a database's vault."""

    NO_VAULT = "no-vault"  # no operator yet, so no vault key
    NOT_JOINED = "not-joined"  # this OS account holds no operator key for this database
    WAITING = "waiting"  # key published, no operator has granted access yet
    REVOKED = "revoked"
    UNLOCKED = "unlocked"


class KeyState(StrEnum):
    """A team member's operator key, as stored."""

    PENDING = "pending"
    GRANTED = "granted"
    REVOKED = "revoked"


class MemberState(StrEnum):
    """A row of the team list: an operator's key state, or no key at all yet."""

    NOT_JOINED = "not joined"
    PENDING = KeyState.PENDING.value
    GRANTED = KeyState.GRANTED.value
    REVOKED = KeyState.REVOKED.value


class PayoutStatus(StrEnum):
    """A Stripe payout's status, as Stripe spells it."""

    PAID = "paid"
    PENDING = "pending"
    IN_TRANSIT = "in_transit"
    CANCELED = "canceled"
    FAILED = "failed"


class CapabilityStatus(StrEnum):
    """A Stripe capability's status, as Stripe spells it."""

    ACTIVE = "active"
    PENDING = "pending"
    INACTIVE = "inactive"
    UNREQUESTED = "unrequested"
