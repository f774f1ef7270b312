"""Offline key inspection and leak scanning: no network and no keyring, only the key's own shape and its hash."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from billing_desktop.domain.keys import Verdict, examine, lookup_hash, mask
from billing_desktop.domain.roles import Perm
from billing_desktop.services.context import AppContext
from billing_desktop.services.keys import key_status
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import ApiKey, Tenant

# What a scan looks for: our keys and Stripe's credential shapes, as bytes (files are read raw). One pattern per
# literal prefix: the regex engine then searches for the prefix with a fast substring search instead of trying
# an alternation at every byte, which is what keeps the scan near grep's speed.
_TAIL = rb"(?![0-9A-Za-z])"
PATTERNS = [
    (re.compile(rb"_live_[0-9A-Za-z]{10,99}" + _TAIL), 2),  # (pattern, bytes of prefix before the match: sk/pk/rk)
    (re.compile(rb"_test_[0-9A-Za-z]{10,99}" + _TAIL), 2),
    (re.compile(rb"whsec_[0-9A-Za-z+/=]{16,}"), 0),
    (re.compile(rb"acct_[0-9A-Za-z]{8,32}" + _TAIL), 0),
    (re.compile(rb"ca_[0-9A-Za-z]{16,64}" + _TAIL), 0),
]
_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


_PREFILTER_SHAPES = [
    rb"(sk|pk|rk)_(live|test)_[0-9A-Za-z]{10}",
    rb"whsec_[0-9A-Za-z+/=]{16}",
    rb"acct_[0-9A-Za-z]{8}",
    rb"ca_[0-9A-Za-z]{16}",
]
_prefilter_cache: list = []


def prefilter():
    """A function telling whether a buffer may hold a credential, or None. Hyperscan (SIMD, several GB/s) when it
    is installed (Linux x86-64); elsewhere every buffer goes to the exact patterns, which is correct but slower."""
    if not _prefilter_cache:
        try:
            import hyperscan
        except ImportError:
            _prefilter_cache.append(None)
        else:
            db = hyperscan.Database()
            db.compile(
                expressions=_PREFILTER_SHAPES,
                ids=list(range(len(_PREFILTER_SHAPES))),
                elements=len(_PREFILTER_SHAPES),
                flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(_PREFILTER_SHAPES),
            )

            def may_hold(data: bytes) -> bool:
                try:  # the handler returns True to stop at the first hit, which hyperscan reports as terminated
                    db.scan(data, match_event_handler=lambda *args: True)
                except hyperscan.ScanTerminated:
                    return True
                return False

            _prefilter_cache.append(may_hold)
    return _prefilter_cache[0]


def candidates(data: bytes) -> list[tuple[int, bytes]]:
    """(offset, token) of every credential-shaped token, in file order."""
    found = []
    for pattern, back in PATTERNS:
        for m in pattern.finditer(data):
            start = m.start() - back
            if back and (start < 0 or data[start : m.start()] not in (b"sk", b"pk", b"rk")):
                continue
            if start > 0 and data[start - 1] in _WORD:
                continue
            found.append((start, data[start : m.end()]))
    found.sort()
    return found


BINARY_SNIFF = 8192
MAX_FILE = 256 * 1024 * 1024


@dataclass(frozen=True)
class Inspection:
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

    def to_json(self) -> dict:
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
                }
            )
        return out


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    value: str  # masked
    what: str
    status: str


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    files_scanned: int = 0
    files_skipped: int = 0
    bytes_scanned: int = 0
    cancelled: bool = False


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d else None


class KeyInspectionService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def _scope(self, s, session: UserSession) -> int | None:
        """None: every tenant (operators); else the one tenant whose keys this user may recognise."""
        user = authorize(s, self.ctx, session, Perm.KEYS_VIEW, None if session.is_operator else session.tenant_id)
        return None if session.is_operator else user.tenant_id

    def inspect(self, session: UserSession, text: str) -> Inspection:
        with self.ctx.db() as s:
            scope = self._scope(s, session)
            return self._inspect(s, scope, examine(text))

    def _inspect(self, s, scope: int | None, v: Verdict) -> Inspection:
        if not v.well_formed:
            return Inspection(v, summary=v.problem)
        row = s.execute(
            select(ApiKey, Tenant.slug, Tenant.company_name)
            .join(Tenant, Tenant.id == ApiKey.tenant_id)
            .where(ApiKey.lookup_hash == lookup_hash(v.normalized))
        ).first()
        if row is None or (scope is not None and row[0].tenant_id != scope):
            # A tenant's user learns nothing about other tenants' keys: the same answer as for an unknown key.
            what = "your tenant's" if scope is not None else "this platform's"
            return Inspection(
                v,
                summary=f"Well-formed {v.mode} {v.kind} key, but not one of {what} keys "
                "(made by another installation, or never issued).",
            )
        k, slug, name = row
        now = self.ctx.clock()
        status = key_status(k, now)
        last_rolled = s.scalar(
            select(func.max(ApiKey.created_at)).where(
                ApiKey.tenant_id == k.tenant_id, ApiKey.kind == k.kind, ApiKey.mode == k.mode
            )
        )
        text = _describe_status(k, status)
        return Inspection(
            v,
            True,
            slug,
            name,
            status,
            k.created_at,
            k.expires_at,
            k.revoked_at,
            k.revoked_by,
            k.revoke_reason,
            last_rolled if last_rolled != k.created_at else None,
            summary=f"{name} ({slug}) — {v.mode} {v.kind} key, {text}.",
        )

    # -- scanning ------------------------------------------------------------------------------------------------
    def scan(
        self,
        session: UserSession,
        paths: Iterable[str | os.PathLike],
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ScanResult:
        result = ScanResult()
        may_hold = prefilter()
        with self.ctx.db() as s:
            scope = self._scope(s, session)
            cache: dict[bytes, Inspection] = {}
            for path in _walk(paths):
                if cancelled():
                    result.cancelled = True
                    break
                if progress:
                    progress(result.files_scanned, str(path))
                try:
                    if path.stat().st_size > MAX_FILE:
                        result.files_skipped += 1
                        continue
                    data = path.read_bytes()
                except OSError:
                    result.files_skipped += 1
                    continue
                if b"\0" in data[:BINARY_SNIFF]:
                    result.files_skipped += 1
                    continue
                result.files_scanned += 1
                result.bytes_scanned += len(data)
                if may_hold is not None and not may_hold(data):
                    continue
                line, pos = 1, 0
                for start, token in candidates(data):
                    line += data.count(b"\n", pos, start)
                    pos = start
                    if token not in cache:
                        cache[token] = self._inspect(s, scope, examine(token.decode("ascii")))
                    ins = cache[token]
                    result.findings.append(
                        Finding(
                            str(path),
                            line,
                            mask(token.decode("ascii")),
                            _what(ins),
                            ins.status or ("invalid" if ins.verdict.checksum_ok is False else "unknown"),
                        )
                    )
        return result


def _describe_status(k: ApiKey, status: str) -> str:
    if status == "expiring":
        return f"expiring at {k.expires_at:%Y-%m-%d %H:%M} UTC (replaced, in its grace period)"
    if status == "expired":
        return f"expired at {k.expires_at:%Y-%m-%d %H:%M} UTC (replaced)"
    if status == "revoked":
        return f"revoked at {k.revoked_at:%Y-%m-%d %H:%M} UTC by {k.revoked_by}: {k.revoke_reason}"
    return "active"


def _what(ins: Inspection) -> str:
    v = ins.verdict
    if ins.ours:
        return f"platform {v.mode} {v.kind} key of {ins.tenant_slug}"
    if v.well_formed:
        return f"platform-shaped {v.mode} {v.kind} key, not issued here"
    return v.stripe_shape or "key-like text with a bad checksum"


def _walk(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if p.is_file():
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d != ".git")
            for name in sorted(files):
                yield Path(root) / name
