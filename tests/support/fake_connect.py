"""The Connect-operations half of the fake Stripe: account lists, capabilities, balance, payouts, application fees,
disputes and login links, each object built from Stripe's published fixtures (tests/data/stripe-fixtures, MIT) and
answered in Stripe's list shape (`object: list`, `data`, `has_more`, `url`), newest first, paged with `limit` and
`starting_after`. Rate limits: queue (Retry-After, Stripe-Should-Retry) pairs in `rate_limits`.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_fixtures: dict[str, str] | None = None  # kind -> its example object as JSON text


def fixtures_path() -> Path:
    """A copy of Stripe's fixtures ships with the tests (MIT, see the LICENSE beside it): CI has nothing else."""
    return Path(__file__).resolve().parents[1] / "data" / "stripe-fixtures" / "fixtures3.json"


def fixture(kind: str, **overrides: Any) -> dict[str, Any]:
    """A fresh copy of Stripe's example object for `kind`, with top-level fields replaced. Parsed from the kind's
    JSON text each time: a tenth of the cost of `copy.deepcopy`, which the benchmarks' 100,000 fees (each with its
    charge) felt for minutes."""
    global _fixtures
    if _fixtures is None:
        _fixtures = {k: json.dumps(v) for k, v in json.loads(fixtures_path().read_text())["resources"].items()}
    obj: dict[str, Any] = json.loads(_fixtures[kind])
    obj.update(overrides)
    return obj


def requirements(**fields: Any) -> dict[str, Any]:
    """An Account/Capability `requirements` hash in Stripe's shape, all lists empty unless given."""
    base = fixture("capability")["requirements"]
    base.update(fields)
    return base


_CREATED = {"gt": int.__gt__, "gte": int.__ge__, "lt": int.__lt__, "lte": int.__le__}


def created_filter(items: list[dict], q: dict[str, str]) -> list[dict]:
    """Stripe's `created` list filter: `created=T` or any of `created[gt|gte|lt|lte]=T` (Unix seconds)."""
    tests = [(_CREATED[k[8:-1]], int(v)) for k, v in q.items() if k.startswith("created[") and k[8:-1] in _CREATED]
    if "created" in q:
        tests.append((int.__eq__, int(q["created"])))
    if not tests:
        return items
    return [o for o in items if all(test(o["created"], value) for test, value in tests)]


def error(status: int, message: str, *, type_: str = "invalid_request_error", **extra: Any) -> tuple[int, dict]:
    return status, {"error": {"type": type_, "message": message, **extra}}


class ConnectStore:
    """Objects per connected account, and the handlers for their endpoints."""

    def __init__(self, fake):
        self.fake = fake
        self.capabilities: dict[str, dict[str, dict]] = {}
        self.balances: dict[str, dict] = {}
        self.payouts: dict[str, list[dict]] = {}
        self.disputes: dict[str, list[dict]] = {}
        self.fees: list[dict] = []  # platform-level, newest last
        self.charges: dict[str, dict] = {}
        self.login_links = 0
        self.rate_limits: list[tuple[str | None, str | None]] = []  # next answers: 429 with these headers
        self.latency = 0.0
        self.after_list_page: Callable[[str, dict], None] | None = None  # (path, query) -> None
        self.before_answer: Callable[[str, dict], None] | None = None  # (path, query) -> None, answer made
        self._positions: dict[tuple, dict[str, int]] = {}
        self._filtered: dict[tuple, list[dict]] = {}

    # -- building objects --------------------------------------------------------------------------------------
    def set_capability(self, account_id: str, name: str, status: str, **fields: Any) -> dict:
        if account_id not in self.capabilities:
            self.capabilities[account_id] = {}
            for other, other_status in (self.fake.accounts[account_id].get("capabilities") or {}).items():
                self.capabilities[account_id][other] = fixture(
                    "capability", id=other, account=account_id, status=other_status, requested=True
                )
        cap = fixture("capability", id=name, account=account_id, status=status, requested=True, **fields)
        self.capabilities[account_id][name] = cap
        self.fake.accounts[account_id].setdefault("capabilities", {})[name] = status
        return cap

    def add_payout(self, account_id: str, **fields: Any) -> dict:
        po = fixture("payout", id="po_" + secrets.token_hex(8), created=int(time.time()), **fields)
        self.payouts.setdefault(account_id, []).append(po)
        return po

    def add_dispute(self, account_id: str, *, due_by: int, **fields: Any) -> dict:
        dp = fixture("dispute", id="dp_" + secrets.token_hex(8), created=int(time.time()), **fields)
        dp["evidence_details"]["due_by"] = due_by
        self.disputes.setdefault(account_id, []).append(dp)
        return dp

    def add_fee(self, account_id: str, *, charge_amount: int, fee_amount: int, currency: str = "usd", **fields) -> dict:
        charge_id = "ch_" + secrets.token_hex(8)
        created = fields.pop("created", int(time.time()))
        self.charges[charge_id] = fixture(
            "charge",
            id=charge_id,
            amount=charge_amount,
            amount_captured=charge_amount,
            currency=currency,
            created=created,
            application_fee_amount=fee_amount,
            captured=True,
        )
        fee = fixture(
            "application_fee",
            id="fee_" + secrets.token_hex(8),
            account=account_id,
            amount=fee_amount,
            currency=currency,
            charge=charge_id,
            created=created,
            **fields,
        )
        fee["fee_source"] = {"charge": charge_id, "type": "charge"}
        self.charges[charge_id]["application_fee"] = fee["id"]
        self.fees.append(fee)
        return fee

    # -- serving -----------------------------------------------------------------------------------------------
    def page(self, path: str, items: list[dict], q: dict[str, str]) -> tuple[int, dict]:
        """Stripe's list: newest first (items are kept oldest first), `limit` 1-100, cursor `starting_after`."""
        try:
            limit = int(q.get("limit", 10))
        except ValueError:
            return error(400, "Invalid integer: limit", param="limit")
        if not 1 <= limit <= 100:
            return error(400, "This value must be between 1 and 100.", param="limit")
        n = len(items)
        start = 0
        cursor = q.get("starting_after")
        if cursor:
            index = self._position(path, items).get(cursor)
            if index is None:
                return error(400, f"No such object: '{cursor}'", code="resource_missing", param="starting_after")
            start = n - index  # position counted from the newest
        data = [items[n - 1 - i] for i in range(start, min(start + limit, n))]
        expand = {v for k, v in q.items() if k.startswith("expand")}
        if "data.charge" in expand:
            data = [dict(o, charge=self.charges[o["charge"]]) for o in data]
        return 200, {"object": "list", "url": path, "has_more": start + limit < n, "data": data}

    def _created(self, path: str, items: list[dict], q: dict[str, str]) -> list[dict]:
        """`created_filter`, kept while the list is unchanged, as Stripe's index would: filtering 10,000 accounts for
        every page cost the fake more CPU than building the page, which the benchmarks' latency must not include."""
        bounds = tuple(sorted((k, v) for k, v in q.items() if k.startswith("created")))
        if not bounds:
            return items
        key = (path, bounds, len(items), items[0]["id"] if items else "", items[-1]["id"] if items else "")
        found = self._filtered.get(key)
        if found is None:
            found = created_filter(items, q)
            if len(self._filtered) > 64:
                self._filtered.clear()
            self._filtered[key] = found
        return found

    def _position(self, path: str, items: list[dict]) -> dict[str, int]:
        """id -> index in `items`, kept while the list is unchanged (a linear search per page is too slow for the
        100,000-fee benchmark)."""
        key = (path, len(items), items[0]["id"] if items else "", items[-1]["id"] if items else "")
        positions = self._positions.get(key)  # requests come on several threads: no read after a write here
        if positions is None:
            positions = {o["id"]: i for i, o in enumerate(items)}
            if len(self._positions) > 64:  # lists filtered many ways (a sync's created ranges): keep a few
                self._positions.clear()
            self._positions[key] = positions
        return positions

    def get(self, path: str, q: dict[str, str], stripe_account: str | None) -> tuple[int, dict] | None:
        fake = self.fake
        parts = path.strip("/").split("/")
        if path == "/v1/accounts":
            return self.page(path, self._created(path, list(fake.accounts.values()), q), q)
        if len(parts) >= 4 and parts[:2] == ["v1", "accounts"] and parts[3] == "capabilities":
            caps = self.capabilities.get(parts[2])
            if parts[2] not in fake.accounts:
                return error(404, f"No such account: '{parts[2]}'", code="resource_missing")
            caps = caps if caps is not None else self._default_caps(parts[2])
            if len(parts) == 5:
                cap = caps.get(parts[4])
                return (200, cap) if cap else error(404, f"No such capability: '{parts[4]}'", code="resource_missing")
            return 200, {"object": "list", "url": path, "has_more": False, "data": list(caps.values())}
        if path in ("/v1/balance", "/v1/payouts", "/v1/disputes"):
            if not stripe_account or stripe_account not in fake.accounts:
                return error(403, "The account does not exist or the platform has no access.", code="account_invalid")
            if path == "/v1/balance":
                return 200, self.balances.get(stripe_account) or fixture("balance")
            items = (self.payouts if path == "/v1/payouts" else self.disputes).get(stripe_account, [])
            if q.get("status"):
                items = [o for o in items if o["status"] == q["status"]]
            return self.page(path, items, q)
        if path == "/v1/application_fees":
            return self.page(path, self._created(path, self.fees, q), q)
        return None

    def _default_caps(self, account_id: str) -> dict[str, dict]:
        account = self.fake.accounts[account_id]
        self.capabilities[account_id] = {
            name: fixture("capability", id=name, account=account_id, status=status, requested=True)
            for name, status in (account.get("capabilities") or {}).items()
        }
        return self.capabilities[account_id]

    def post(self, path: str, form: dict[str, str]) -> tuple[int, dict] | None:
        fake = self.fake
        parts = path.strip("/").split("/")
        if len(parts) == 5 and parts[:2] == ["v1", "accounts"] and parts[3] == "capabilities":
            if parts[2] not in fake.accounts:
                return error(404, f"No such account: '{parts[2]}'", code="resource_missing")
            account = fake.accounts[parts[2]]
            if account.get("type") == "standard":
                return error(400, "You cannot request capabilities for a Standard account.")
            if form.get("requested") == "true":
                return 200, self.set_capability(parts[2], parts[4], "pending")
            return error(400, "Missing required param: requested.", param="requested")
        if len(parts) == 4 and parts[:2] == ["v1", "accounts"] and parts[3] == "login_links":
            account = fake.accounts.get(parts[2])
            if account is None:
                return error(404, f"No such account: '{parts[2]}'", code="resource_missing")
            if account.get("type") != "express":
                return error(400, "Cannot create a login link for an account that is not an Express account.")
            self.login_links += 1
            return 200, fixture(
                "login_link", created=int(time.time()), url=f"{fake.link_base or fake.base}/express/{parts[2]}/x"
            )
        return None
