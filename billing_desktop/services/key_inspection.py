"""Offline key inspection and leak scanning: no network and no keyring, only the key's own shape and its hash."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from billing_desktop.domain.keys import Verdict, examine, lookup_hash, mask
from billing_desktop.domain.roles import Perm
from billing_desktop.errors import ValidationError, msg
from billing_desktop.services.context import AppContext
from billing_desktop.services.inspection_result import Inspection, describe
from billing_desktop.services.leak_patterns import candidates, prefilter
from billing_desktop.services.leak_scan import FileScan, scan_files, walk
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import ApiKey, Tenant
from billing_desktop.store.sqlite_direct import StoredKey


@dataclass(frozen=True, kw_only=True)
class Finding:
    path: str
    line: int  # 0 in a file without lines (binary, a database): `offset` says where
    value: str  # masked
    what: str
    status: str
    offset: int | None = None  # the byte offset, in a binary file

    @property
    def is_secret(self) -> bool:
        """An acct_ or ca_ id is information, not a leak."""
        return "(not a secret)" not in self.what

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.offset is None else f"{self.path} (byte {self.offset})"


@dataclass(kw_only=True)
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    files_scanned: int = 0
    files_skipped: int = 0
    bytes_scanned: int = 0
    cancelled: bool = False


# A stored key with what an inspection tells about its tenant.
_STORED = select(ApiKey, Tenant.slug, Tenant.company_name, Tenant.active).join(Tenant, Tenant.id == ApiKey.tenant_id)


class KeyInspectionService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def _scope(self, s: Session, session: UserSession) -> int | None:
        """None: every tenant (operators); else the one tenant whose keys this user may recognise."""
        user = authorize(s, self.ctx, session, Perm.KEYS_VIEW, None if session.is_operator else session.tenant_id)
        return None if session.is_operator else user.tenant_id

    def inspect(self, session: UserSession, text: str) -> Inspection:
        with self.ctx.db() as s:
            scope = self._scope(s, session)
            return self._inspect(s, scope, examine(text))

    def _inspect(self, s: Session, scope: int | None, v: Verdict) -> Inspection:
        if not v.well_formed or v.normalized is None:
            return Inspection(verdict=v, summary=v.problem)
        row = s.execute(_STORED.where(ApiKey.lookup_hash == lookup_hash(v.normalized))).first()
        return self._described(s, scope, v, row)

    def _inspect_many(self, s: Session, scope: int | None, tokens: Iterable[bytes]) -> dict[bytes, Inspection]:
        """`_inspect` of each token, the stored keys looked up a few hundred to a query (a scan finds many)."""
        verdicts = {token: examine(token.decode("ascii")) for token in set(tokens)}
        hashes = {token: lookup_hash(v.normalized) for token, v in verdicts.items() if v.well_formed and v.normalized}
        wanted = sorted(set(hashes.values()))
        rows: dict[str, Row[ApiKey, str, str, bool]] = {}
        for n in range(0, len(wanted), 500):
            for row in s.execute(_STORED.where(ApiKey.lookup_hash.in_(wanted[n : n + 500]))):
                rows[row[0].lookup_hash] = row
        return {
            token: self._described(s, scope, v, rows.get(hashes[token]))
            if token in hashes
            else Inspection(verdict=v, summary=v.problem)
            for token, v in verdicts.items()
        }

    def _described(
        self, s: Session, scope: int | None, v: Verdict, row: Row[ApiKey, str, str, bool] | None
    ) -> Inspection:
        found = None
        if row is not None and (scope is None or row[0].tenant_id == scope):
            k, slug, name, tenant_active = row
            last_rolled = s.scalar(
                select(func.max(ApiKey.created_at)).where(
                    ApiKey.tenant_id == k.tenant_id, ApiKey.kind == k.kind, ApiKey.mode == k.mode
                )
            )
            found = StoredKey(
                tenant_id=k.tenant_id,
                tenant_slug=slug,
                tenant_name=name,
                tenant_active=bool(tenant_active),
                created_at=k.created_at,
                expires_at=k.expires_at,
                revoked_at=k.revoked_at,
                revoked_by=k.revoked_by,
                revoke_reason=k.revoke_reason,
                last_rolled=last_rolled,
            )
        return describe(v, scope, found, self.ctx.clock())

    # -- scanning ------------------------------------------------------------------------------------------------
    def scan(
        self,
        session: UserSession,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ScanResult:
        found = [Path(p) for p in paths]
        missing = [str(p) for p in found if not p.exists()]
        if missing:
            raise ValidationError({"paths": msg("No such file or folder: {value}.", value=", ".join(missing))})
        result = ScanResult()
        starts = prefilter()
        with self.ctx.db() as s:
            scope = self._scope(s, session)
            # Tokens are looked up once the files are read, in a few queries: between files, the GIL and the
            # thread went to the database a query per token while the readers waited.
            hits: list[tuple[FileScan, int, bytes]] = []
            for scanned in scan_files(walk(found), starts):
                if cancelled():
                    result.cancelled = True
                    break
                if progress:
                    progress(result.files_scanned, scanned.where)
                if scanned.skipped:
                    result.files_skipped += 1
                    continue
                result.files_scanned += 1
                result.bytes_scanned += scanned.size
                hits.extend((scanned, place, token) for place, token in scanned.hits)
            inspections = self._inspect_many(s, scope, (token for _, _, token in hits))
            for scanned, place, token in hits:
                ins = inspections[token]
                result.findings.append(
                    Finding(
                        path=scanned.where,
                        line=place if scanned.by_line else 0,
                        value=mask(token.decode("ascii")),
                        what=_what(ins),
                        status=ins.status or ("invalid" if ins.verdict.checksum_ok is False else "unknown"),
                        offset=None if scanned.by_line else place,
                    )
                )
        return result


def _what(ins: Inspection) -> str:
    v = ins.verdict
    if ins.ours:
        return f"platform {v.mode} {v.kind} key of {ins.tenant_slug}"
    if v.well_formed:
        return f"platform-shaped {v.mode} {v.kind} key, not issued here"
    return v.stripe_shape or "key-like text with a bad checksum"


# candidates and prefilter stay importable from here (leak_scan holds them).
__all__ = ["Finding", "Inspection", "KeyInspectionService", "ScanResult", "candidates", "prefilter"]
