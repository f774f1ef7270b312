"""What an inspection answers, built from a stored key's facts. No SQLAlchemy here: the service's ORM query and
`keys inspect`'s direct SQLite read (services/quick_inspect.py) both hand `describe` a StoredKey."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple, Protocol

from billing_desktop.domain.keys import Verdict
from billing_desktop.domain.states import KeyStatus
from billing_desktop.errors import msg
from billing_desktop.store.sqlite_direct import StoredKey


class HasKeyTimes(Protocol):
    @property
    def expires_at(self) -> datetime | None: ...
    @property
    def revoked_at(self) -> datetime | None: ...


def key_status(k: HasKeyTimes, now: datetime) -> KeyStatus:
    if k.revoked_at is not None:
        return KeyStatus.REVOKED
    if k.expires_at is not None:
        return KeyStatus.EXPIRED if k.expires_at <= now else KeyStatus.EXPIRING
    return KeyStatus.ACTIVE


class Inspection(NamedTuple):
    """The answer to "what is this key?": the offline verdict and, for one of ours, its tenant and status. (A
    NamedTuple built with keywords, as the records on `keys inspect`'s path are: that process imports no
    `dataclasses`.)"""

    verdict: Verdict
    ours: bool = False  # one of this platform's keys (as far as the asker may know)
    tenant_slug: str | None = None
    tenant_name: str | None = None
    status: str | None = None  # active | expiring | expired | revoked
    created_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by: str | None = None
    revoke_reason: str | None = None
    last_rolled: datetime | None = None
    summary: str = ""
    tenant_active: bool = True  # a deactivated tenant's keys are refused whatever their own status

    @property
    def usable(self) -> bool:
        """The key would be accepted today: ours, active or in its grace period, of an active tenant."""
        return self.ours and self.tenant_active and self.status in ("active", "expiring")

    def to_json(self) -> dict[str, Any]:
        v = self.verdict
        out = {
            "value": v.text_shown,
            "well_formed": v.well_formed,
            "problem": v.problem or None,
            "checksum_valid": v.checksum_ok,
            "kind": v.kind,
            "mode": v.mode,
            "stripe_shape": v.stripe_shape,
            "ours": self.ours,
            "summary": self.summary,
        }
        if self.ours:
            out.update(
                {
                    "tenant": self.tenant_slug,
                    "tenant_name": self.tenant_name,
                    "status": self.status,
                    "created_at": _iso(self.created_at),
                    "expires_at": _iso(self.expires_at),
                    "revoked_at": _iso(self.revoked_at),
                    "revoked_by": self.revoked_by,
                    "revoke_reason": self.revoke_reason,
                    "last_rolled": _iso(self.last_rolled),
                    "tenant_active": self.tenant_active,
                }
            )
        return out


def describe(v: Verdict, scope: int | None, found: StoredKey | None, now: datetime) -> Inspection:
    """The answer for a well-formed key `v` whose lookup found `found` (None: no such key). `scope`: None for an
    operator (every tenant), else the one tenant whose keys the asker may recognise."""
    if found is None or (scope is not None and found.tenant_id != scope):
        # A tenant's user learns nothing about other tenants' keys: the same answer as for an unknown key.
        if scope is not None:
            summary = msg(
                "Well-formed {mode} {kind} key, but not one of your tenant's keys "
                "(made by another installation, or never issued).",
                mode=v.mode,
                kind=v.kind,
            )
        else:
            summary = msg(
                "Well-formed {mode} {kind} key, but not one of this platform's keys "
                "(made by another installation, or never issued).",
                mode=v.mode,
                kind=v.kind,
            )
        return Inspection(verdict=v, summary=summary)
    status = key_status(found, now)
    text = _describe_status(found, status)
    if not found.tenant_active:
        text = msg("{status}; the tenant is deactivated, so the key is refused", status=text)
    return Inspection(
        verdict=v,
        ours=True,
        tenant_slug=found.tenant_slug,
        tenant_name=found.tenant_name,
        status=status,
        created_at=found.created_at,
        expires_at=found.expires_at,
        revoked_at=found.revoked_at,
        revoked_by=found.revoked_by,
        revoke_reason=found.revoke_reason,
        last_rolled=found.last_rolled if found.last_rolled != found.created_at else None,
        summary=msg(
            "{tenant} ({slug}) — {mode} {kind} key, {status}.",
            tenant=found.tenant_name,
            slug=found.tenant_slug,
            mode=v.mode,
            kind=v.kind,
            status=text,
        ),
        tenant_active=bool(found.tenant_active),
    )


def _describe_status(k: StoredKey, status: KeyStatus) -> str:
    if status == KeyStatus.EXPIRING:
        return msg("expiring at {at} UTC (replaced, in its grace period)", at=f"{k.expires_at:%Y-%m-%d %H:%M}")
    if status == KeyStatus.EXPIRED:
        return msg("expired at {at} UTC (replaced)", at=f"{k.expires_at:%Y-%m-%d %H:%M}")
    if status == KeyStatus.REVOKED:
        return msg(
            "revoked at {at} UTC by {who}: {reason}",
            at=f"{k.revoked_at:%Y-%m-%d %H:%M}",
            who=k.revoked_by,
            reason=k.revoke_reason,
        )
    return msg("active")


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d else None
