"""What needs an operator's attention, derived from Stripe objects (pure rules, no I/O), and in what order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from billing_desktop.domain.requirements import (
    disabled_words,
    dispute_reason_words,
    payout_failure_words,
    requirement_words,
)
from billing_desktop.domain.states import CapabilityStatus, PayoutStatus
from billing_desktop.errors import msg


class AttentionKind(StrEnum):
    ACCOUNT_DISABLED = "account_disabled"
    REQUIREMENTS_PAST_DUE = "requirements_past_due"
    DISPUTE_EVIDENCE = "dispute_evidence"
    PAYOUT_FAILED = "payout_failed"
    REQUIREMENTS_DUE = "requirements_due"
    CAPABILITY_INACTIVE = "capability_inactive"
    KEY_GRACE_ENDING = "key_grace_ending"
    WEBHOOK_FAILING = "webhook_failing"
    ACCOUNT_MISSING = "account_missing"
    LIVE_WITHOUT_ACCOUNT = "live_without_account"


class Fix(StrEnum):
    """What the board offers to do about an item, besides opening the tenant."""

    NONE = "none"
    UPDATE_LINK = "update_link"  # send the account holder an Account Link
    RESEND_WEBHOOK = "resend_webhook"
    CONNECT = "connect"


# Where the tenant opens for each kind, what fix is offered, and how soon an item without a deadline is due.
TAB: dict[AttentionKind, str] = {
    AttentionKind.KEY_GRACE_ENDING: "keys",
    AttentionKind.WEBHOOK_FAILING: "webhooks",
}
FIX: dict[AttentionKind, Fix] = {
    AttentionKind.ACCOUNT_DISABLED: Fix.UPDATE_LINK,
    AttentionKind.REQUIREMENTS_PAST_DUE: Fix.UPDATE_LINK,
    AttentionKind.REQUIREMENTS_DUE: Fix.UPDATE_LINK,
    AttentionKind.CAPABILITY_INACTIVE: Fix.UPDATE_LINK,
    AttentionKind.WEBHOOK_FAILING: Fix.RESEND_WEBHOOK,
    AttentionKind.LIVE_WITHOUT_ACCOUNT: Fix.CONNECT,
}
_HORIZON: dict[AttentionKind, timedelta] = {
    AttentionKind.ACCOUNT_DISABLED: timedelta(0),
    AttentionKind.REQUIREMENTS_PAST_DUE: timedelta(0),
    AttentionKind.PAYOUT_FAILED: timedelta(hours=12),
    AttentionKind.WEBHOOK_FAILING: timedelta(days=1),
    AttentionKind.ACCOUNT_MISSING: timedelta(days=2),
    AttentionKind.LIVE_WITHOUT_ACCOUNT: timedelta(days=3),
    AttentionKind.CAPABILITY_INACTIVE: timedelta(days=7),
    AttentionKind.REQUIREMENTS_DUE: timedelta(days=14),
}
RANK = {kind: n for n, kind in enumerate(AttentionKind)}


@dataclass(frozen=True, kw_only=True)
class Derived:
    """One item as derived from an object: what the cache stores."""

    kind: AttentionKind
    due_at: datetime | None
    title: str
    detail: str = ""


def _when(ts: int | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC) if ts else None


def _words(codes: list[str], limit: int = 3) -> str:
    words = [requirement_words(c) for c in codes[:limit]]
    shown = words[0] if words else ""
    for word in words[1:]:  # nested messages, so each word is translated
        shown = msg("{list}; {item}", list=shown, item=word)
    return msg("{list}; and {n} more", list=shown, n=len(codes) - limit) if len(codes) > limit else shown


def from_account(account: dict[str, Any]) -> list[Derived]:
    req = account.get("requirements") or {}
    deadline = _when(req.get("current_deadline"))
    out: list[Derived] = []
    reason = req.get("disabled_reason")
    if reason and not (account.get("charges_enabled") and account.get("payouts_enabled")):
        out.append(Derived(kind=AttentionKind.ACCOUNT_DISABLED, due_at=None, title=disabled_words(reason)))
    past = list(req.get("past_due") or [])
    if past:
        out.append(
            Derived(
                kind=AttentionKind.REQUIREMENTS_PAST_DUE,
                due_at=None,  # the deadline has passed: as urgent as it gets
                title=msg("{n} requirement past due", n=1)
                if len(past) == 1
                else msg("{n} requirements past due", n=len(past)),
                detail=_words(past),
            )
        )
    due = [c for c in req.get("currently_due") or [] if c not in past]
    if due:
        out.append(
            Derived(
                kind=AttentionKind.REQUIREMENTS_DUE,
                due_at=deadline,
                title=msg("{n} requirement currently due", n=1)
                if len(due) == 1
                else msg("{n} requirements currently due", n=len(due)),
                detail=_words(due),
            )
        )
    for name, status in sorted((account.get("capabilities") or {}).items()):
        if status == CapabilityStatus.INACTIVE:
            out.append(
                Derived(
                    kind=AttentionKind.CAPABILITY_INACTIVE,
                    due_at=None,
                    title=msg("Capability {name} is inactive", name=name.replace("_", " ")),
                )
            )
    return out


def from_payout(payout: dict[str, Any]) -> list[Derived]:
    if payout.get("status") != PayoutStatus.FAILED:
        return []
    amount = payout.get("amount", 0)
    currency = payout.get("currency", "")
    from billing_desktop.domain.money import format_amount

    return [
        Derived(
            kind=AttentionKind.PAYOUT_FAILED,
            due_at=None,
            title=msg("Payout of {amount} failed", amount=format_amount(amount, currency)),
            detail=payout_failure_words(payout.get("failure_code"), payout.get("failure_message")),
        )
    ]


OPEN_DISPUTE = ("warning_needs_response", "needs_response")


def from_dispute(dispute: dict[str, Any]) -> list[Derived]:
    if dispute.get("status") not in OPEN_DISPUTE:
        return []
    from billing_desktop.domain.money import format_amount

    due = _when((dispute.get("evidence_details") or {}).get("due_by"))
    return [
        Derived(
            kind=AttentionKind.DISPUTE_EVIDENCE,
            due_at=due,
            title=msg(
                "Dispute of {amount} needs evidence",
                amount=format_amount(dispute.get("amount", 0), dispute.get("currency", "")),
            ),
            detail=dispute_reason_words(dispute.get("reason")),
        )
    ]


def urgency(kind: AttentionKind, due_at: datetime | None, now: datetime) -> tuple[datetime, int]:
    """Sort key: the earlier an item must be acted on, the higher it goes; ties by how bad the kind is."""
    when = due_at if due_at is not None else now + _HORIZON.get(kind, timedelta(days=30))
    return when, RANK[kind]


def countdown(due_at: datetime | None, now: datetime) -> str:
    """ "in 3 days", "in 5 hours", "2 days ago"."""
    if due_at is None:
        return ""
    delta = due_at - now
    future = delta.total_seconds() >= 0
    seconds = abs(delta.total_seconds())
    if seconds >= 86400:
        n, unit = int(seconds // 86400), "day"
    elif seconds >= 3600:
        n, unit = int(seconds // 3600), "hour"
    else:
        n, unit = max(1, int(seconds // 60)), "minute"
    return _COUNTDOWN[unit, n == 1, future](n)


# Whole sentences (not glued words), so a translation can order and inflect them; the English ends in "ago" for past.
_COUNTDOWN: dict[tuple[str, bool, bool], Callable[[int], str]] = {
    ("day", True, True): lambda n: msg("in {n} day", n=n),
    ("day", False, True): lambda n: msg("in {n} days", n=n),
    ("day", True, False): lambda n: msg("{n} day ago", n=n),
    ("day", False, False): lambda n: msg("{n} days ago", n=n),
    ("hour", True, True): lambda n: msg("in {n} hour", n=n),
    ("hour", False, True): lambda n: msg("in {n} hours", n=n),
    ("hour", True, False): lambda n: msg("{n} hour ago", n=n),
    ("hour", False, False): lambda n: msg("{n} hours ago", n=n),
    ("minute", True, True): lambda n: msg("in {n} minute", n=n),
    ("minute", False, True): lambda n: msg("in {n} minutes", n=n),
    ("minute", True, False): lambda n: msg("{n} minute ago", n=n),
    ("minute", False, False): lambda n: msg("{n} minutes ago", n=n),
}
