"""Platform fees per tenant: application fees collected in a period, refunds, the charges they came from, checked
against each tenant's agreed percentage (a fee more than one minor unit away is flagged), totals per currency.

One paginated `GET /v1/application_fees` with `expand[]=data.charge` (the API has no account filter: fees of
other tenants are cached too). Compact copies land in the cache as pages arrive, so the view works offline.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from billing_desktop.connect.errors import StripeProblem
from billing_desktop.connect.pager import Pager
from billing_desktop.domain.money import expected_fee, plain_amount
from billing_desktop.domain.roles import Perm
from billing_desktop.errors import NotFound, ValidationError, msg
from billing_desktop.services.connect_cache import ObjectKind, store
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import StripeConnectService
from billing_desktop.store.models import StripeAccount, StripeObject, Tenant


@dataclass(frozen=True, kw_only=True)
class FeeLine:
    fee_id: str
    slug: str
    charge_id: str
    created: datetime
    currency: str
    charge_amount: int
    fee_amount: int
    refunded: int
    expected: int
    percent: Decimal
    flagged: bool


@dataclass(frozen=True, kw_only=True)
class FeeTotal:
    slug: str  # "" for the all-tenants line
    currency: str
    charges: int
    fees: int
    refunded: int
    count: int
    flagged: int

    @property
    def net(self) -> int:
        return self.fees - self.refunded


@dataclass(frozen=True, kw_only=True)
class FeeReport:
    since: date | None
    until: date | None
    lines: list[FeeLine]
    totals: list[FeeTotal]  # per tenant and currency, then per currency (slug "")
    fetched_at: datetime | None
    stale: bool
    message: str = ""
    flagged: int = 0
    unknown_accounts: int = 0  # fees of accounts no tenant here is connected to
    extra: dict[str, Any] = field(default_factory=dict)


def compact(fee: dict[str, Any]) -> dict[str, Any]:
    """What the cache keeps of a fee and its charge (the whole charge is ~3 KB)."""
    charge = fee.get("charge")
    charge_obj = charge if isinstance(charge, dict) else {}
    return {
        "id": fee["id"],
        "account": fee.get("account"),
        "amount": fee["amount"],
        "amount_refunded": fee.get("amount_refunded", 0),
        "currency": fee["currency"],
        "created": fee["created"],
        "charge": charge_obj.get("id") if charge_obj else charge,
        "charge_amount": charge_obj.get("amount"),
    }


def _bounds(since: date | None, until: date | None) -> tuple[int | None, int | None]:
    if since and until and since > until:
        raise ValidationError({"since": msg("The start date is after the end date.")})
    lo = int(datetime.combine(since, time.min, UTC).timestamp()) if since else None
    hi = int(datetime.combine(until, time.max, UTC).timestamp()) if until else None
    return lo, hi


class FeeCheck:
    """Pure and incremental: compact fees in, page by page (the fee writer checks each page while the next is on
    the wire); `result()` gives the lines (flagged where the fee is off the agreed percentage), the totals per tenant
    and currency then per currency, and how many fees belong to no tenant here."""

    def __init__(self, tenants: dict[str, tuple[str, Decimal]], slug: str | None = None):
        self.tenants, self.slug = tenants, slug
        self.lines: list[FeeLine] = []
        self.sums: dict[tuple[str, str], list[int]] = {}
        self.unknown = 0

    def add(self, fees: list[dict[str, Any]]) -> None:
        for f in fees:
            owner = self.tenants.get(f.get("account") or "")
            if owner is None:
                self.unknown += 1
                continue
            if self.slug is not None and owner[0] != self.slug:
                continue
            charge_amount = f.get("charge_amount")
            expected = expected_fee(charge_amount, owner[1]) if charge_amount is not None else f["amount"]
            flagged = charge_amount is not None and abs(f["amount"] - expected) > 1
            self.lines.append(
                FeeLine(
                    fee_id=f["id"],
                    slug=owner[0],
                    charge_id=f.get("charge") or "",
                    created=datetime.fromtimestamp(f["created"], UTC),
                    currency=f["currency"],
                    charge_amount=charge_amount or 0,
                    fee_amount=f["amount"],
                    refunded=f.get("amount_refunded", 0),
                    expected=expected,
                    percent=owner[1],
                    flagged=flagged,
                )
            )
            for key in ((owner[0], f["currency"]), ("", f["currency"])):
                acc = self.sums.setdefault(key, [0, 0, 0, 0, 0])
                acc[0] += charge_amount or 0
                acc[1] += f["amount"]
                acc[2] += f.get("amount_refunded", 0)
                acc[3] += 1
                acc[4] += flagged

    def result(self) -> tuple[list[FeeLine], list[FeeTotal], int]:
        totals = [
            FeeTotal(slug=k[0], currency=k[1], charges=v[0], fees=v[1], refunded=v[2], count=v[3], flagged=v[4])
            for k, v in sorted(self.sums.items(), key=lambda kv: (kv[0][0] == "", kv[0]))
        ]
        return self.lines, totals, self.unknown


def check(
    fees: list[dict[str, Any]], tenants: dict[str, tuple[str, Decimal]], slug: str | None = None
) -> tuple[list[FeeLine], list[FeeTotal], int]:
    """Pure: compact fees -> lines, totals, unknown count (FeeCheck over one list)."""
    checker = FeeCheck(tenants, slug)
    checker.add(fees)
    return checker.result()


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): ids and currencies come from
# Stripe's answer, so they are written as text. Plain numbers (a negative amount) stay numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _cell(value: str) -> str:
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def export_csv(report: FeeReport, path: str) -> str:
    """Write the report's lines to `path` as CSV. A new file or an existing regular file (replaced whole, through a
    temporary file and a rename: a planted symlink is replaced, never followed); a folder, device, FIFO or symlink is
    refused (ValidationError on `csv`)."""
    if "\x00" in path:  # os refuses it, with words that differ between Pythons
        raise ValidationError({"csv": msg("A file name cannot contain a NUL character.")})
    target = os.path.abspath(path)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ValidationError({"csv": msg("{path} is a folder: choose a file name in it.", path=path)})
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise ValidationError(
            {"csv": msg("{path} is a symbolic link: choose a new file name or an existing file.", path=path)}
        )
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise ValidationError(
            {"csv": msg("{path} is not a regular file (a device or a pipe): choose a new file name.", path=path)}
        )
    folder = os.path.dirname(target)
    fd, temp = tempfile.mkstemp(prefix=".fees-", suffix=".csv.partial", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(to_csv(report))
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise
    return target


def to_csv(report: FeeReport) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        [
            "tenant",
            "fee_id",
            "charge",
            "created",
            "currency",
            "charge_amount",
            "fee",
            "expected_fee",
            "refunded",
            "percent",
            "flagged",
        ]
    )
    for ln in report.lines:
        c = ln.currency
        w.writerow(
            [
                _cell(ln.slug),
                _cell(ln.fee_id),
                _cell(ln.charge_id),
                ln.created.isoformat(),
                _cell(c.upper()),
                plain_amount(ln.charge_amount, c),
                plain_amount(ln.fee_amount, c),
                plain_amount(ln.expected, c),
                plain_amount(ln.refunded, c),
                str(ln.percent),
                "yes" if ln.flagged else "",
            ]
        )
    return out.getvalue()


class PlatformFeeService:
    def __init__(self, ctx: AppContext, stripe: StripeConnectService):
        self.ctx, self.stripe = ctx, stripe

    def _tenants(self, s: Any) -> dict[str, tuple[str, Decimal, int]]:
        return {
            r.stripe_user_id: (r.slug, Decimal(r.platform_fee_percent), r.id)
            for r in s.execute(
                select(StripeAccount.stripe_user_id, Tenant.slug, Tenant.platform_fee_percent, Tenant.id)
                .join(Tenant, Tenant.id == StripeAccount.tenant_id)
                .where(StripeAccount.stripe_user_id.is_not(None))
            )
        }

    def fees(
        self,
        session: UserSession,
        *,
        tenant_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        refresh: bool = True,
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> FeeReport:
        lo, hi = _bounds(since, until)
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, tenant_id)
            owners = self._tenants(s)
            slug = None
            if tenant_id is not None:
                tenant = s.get(Tenant, tenant_id)
                if tenant is None:  # deleted by another operator since the list was loaded
                    raise NotFound(msg("No such tenant."))
                slug = tenant.slug
        tenants = {k: (v[0], v[1]) for k, v in owners.items()}
        message, checked, fetched_at = "", None, None
        if refresh:
            try:
                checked = FeeCheck(tenants, slug)
                fetched = self._fetch(owners, lo, hi, progress or (lambda n, t: None), cancelled, checked)
                fetched_at = self.ctx.clock()
                if cancelled():
                    message = msg(
                        "Cancelled: only the {fetched} newest fees of the period were fetched.", fetched=fetched
                    )
            except StripeProblem as exc:
                checked, message = None, msg("Showing saved data: {problem}", problem=exc.args[0])
        if checked is None:
            fees, fetched_at = self._cached(lo, hi)
            checked = FeeCheck(tenants, slug)
            checked.add(fees)
        lines, totals, unknown = checked.result()
        return FeeReport(
            since=since,
            until=until,
            lines=lines,
            totals=totals,
            fetched_at=fetched_at,
            stale=bool(message) or not refresh,
            message=message,
            flagged=sum(ln.flagged for ln in lines),
            unknown_accounts=unknown,
        )

    def _fetch(self, owners, lo, hi, progress, cancelled, checked: FeeCheck) -> int:  # type: ignore[no-untyped-def]
        """Fetch every fee of the period; each page is cached and checked by a writer thread while the next page is
        on the wire. Returns how many fees were fetched."""
        params: dict[str, Any] = {"expand": ["data.charge"]}
        if lo is not None or hi is not None:
            params["created"] = {k: v for k, v in (("gte", lo), ("lte", hi)) if v is not None}
        count = 0
        writes: list[Future[None]] = []
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="fee-writer") as writer,
            self.stripe.client_factory(self.stripe.platform.secret_key(), retries=2) as client,
        ):
            for page in Pager(client, "/v1/application_fees", params, cancelled=cancelled):
                count += len(page)
                writes.append(writer.submit(self._store, page, owners, checked))
                progress(count, msg("{count} fees fetched", count=count))
            for w in writes:
                w.result()
        return count

    def _store(
        self, page: list[dict[str, Any]], owners: dict[str, tuple[str, Decimal, int]], checked: FeeCheck
    ) -> None:
        rows = [compact(f) for f in page]
        checked.add(rows)  # one writer thread: pages are added in the order they came
        for r in rows:
            owner = owners.get(r.get("account") or "")
            r["_tenant_id"] = owner[2] if owner else None
        with self.ctx.db() as s, s.begin():
            store(s, kind=ObjectKind.FEE, tenant_id=None, account=None, objects=rows, now=self.ctx.clock())

    def _cached(self, lo: int | None, hi: int | None) -> tuple[list[dict[str, Any]], datetime | None]:
        with self.ctx.db() as s:
            q = select(StripeObject.data, StripeObject.fetched_at).where(StripeObject.kind == ObjectKind.FEE.value)
            if lo is not None:
                q = q.where(StripeObject.created >= lo)
            if hi is not None:
                q = q.where(StripeObject.created <= hi)
            rows = s.execute(q.order_by(StripeObject.created.desc())).all()
        return [r.data for r in rows], min((r.fetched_at for r in rows), default=None)
