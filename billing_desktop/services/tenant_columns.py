"""The whole tenant list held column by column: one array or list per field instead of one tuple per tenant.

At 100,000 tenants a tuple per row (plus an int object per id) was about 15 MB the list view does not need: it
reads one cell at a time. Tier, mode and Stripe state are shared (interned) strings; ids an array of machine ints;
the active flag a bytearray."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from billing_desktop.services.tenants import TenantRow


class TenantColumns:
    __slots__ = ("active", "company_name", "email", "id", "mode", "slug", "stripe", "tier")

    def __init__(self) -> None:
        self.id = array("q")
        self.company_name: list[str] = []
        self.slug: list[str] = []
        self.email: list[str] = []
        self.tier: list[str] = []
        self.mode: list[str] = []
        self.active = bytearray()
        self.stripe: list[str] = []

    @classmethod
    def of(cls, rows: Iterable[tuple[Any, ...]]) -> TenantColumns:
        """From (id, company_name, slug, email, tier, mode, active, stripe) tuples: TenantRows or a cursor's."""
        cols, intern = cls(), sys.intern
        ids, names, slugs, emails = cols.id, cols.company_name, cols.slug, cols.email
        tiers, modes, active, stripe = cols.tier, cols.mode, cols.active, cols.stripe
        for i, name, slug, email, tier, mode, on, state in rows:
            ids.append(i)
            names.append(name)
            slugs.append(slug)
            emails.append(email)
            tiers.append(intern(tier))
            modes.append(intern(mode))
            active.append(bool(on))
            stripe.append(intern(state or "none"))
        return cols

    def __len__(self) -> int:
        return len(self.id)

    def value(self, field: str, i: int):  # type: ignore[no-untyped-def]
        value = getattr(self, field)[i]
        return bool(value) if field == "active" else value

    def row(self, i: int) -> TenantRow:
        from billing_desktop.services.tenants import TenantRow  # here: tenants imports this module

        return TenantRow(
            self.id[i],
            self.company_name[i],
            self.slug[i],
            self.email[i],
            self.tier[i],
            self.mode[i],
            bool(self.active[i]),
            self.stripe[i],
        )
