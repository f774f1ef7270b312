"""Synthetic data at scale, inserted in bulk with SQLAlchemy Core (the services' per-row work is not measured)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from billing_desktop.domain.keys import Kind, generate, lookup_hash
from billing_desktop.store.models import ApiKey, AuditEntry, Tenant, WebhookDelivery

WORDS = [
    "acme",
    "globex",
    "initech",
    "umbrella",
    "stark",
    "wayne",
    "hooli",
    "pied",
    "piper",
    "wonka",
    "tyrell",
    "cyberdyne",
    "soylent",
    "aperture",
    "black",
    "mesa",
    "oscorp",
    "gringotts",
    "monarch",
    "vandelay",
]
NOW = datetime(2026, 11, 26, tzinfo=UTC)


def tenants(engine, count: int, keys_per_tenant: int = 4, seed: int = 1) -> list[str]:
    """Returns a sample of the keys it made (for lookups)."""
    rnd = random.Random(seed)
    sample = []
    with engine.begin() as c:
        for start in range(0, count, 5000):
            rows, keys = [], []
            for i in range(start, min(count, start + 5000)):
                name = f"{rnd.choice(WORDS).title()} {rnd.choice(WORDS).title()} {i}"
                rows.append(
                    {
                        "id": i + 1,
                        "company_name": name,
                        "slug": f"t-{i}",
                        "email": f"owner{i}@t{i}.example",
                        "domain": "",
                        "tier": rnd.choice(["free", "pro", "enterprise"]),
                        "platform_fee_percent": 0,
                        "mode": rnd.choice(["test", "live"]),
                        "active": True,
                        "branding": {},
                        "metadata": {},
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                )
                for k in range(keys_per_tenant):
                    kind = Kind.SECRET if k % 2 else Kind.PUBLISHABLE
                    mode = "live" if k >= 2 else "test"
                    key = generate(kind, mode)
                    if len(sample) < 2000 and rnd.random() < 0.01:
                        sample.append(key)
                    keys.append(
                        {
                            "tenant_id": i + 1,
                            "kind": kind.value,
                            "mode": mode,
                            "lookup_hash": lookup_hash(key),
                            "prefix": key[:8],
                            "last4": key[-4:],
                            "created_at": NOW,
                            "created_by": "seed",
                            "publishable_value": key if kind is Kind.PUBLISHABLE else None,
                            "vault_ref": None if kind is Kind.PUBLISHABLE else f"ref{i}-{k}",
                        }
                    )
            c.execute(insert(Tenant.__table__), rows)
            if keys:
                c.execute(insert(ApiKey.__table__), keys)
    return sample


def logs(engine, count: int, tenants: int = 1000, seed: int = 2, *, focus: int | None = None, own: int = 0) -> None:
    """`count` audit entries and deliveries spread over `tenants` tenants; with `focus`, that tenant holds `own` of
    them (evenly through time) at any `count`, so its log pages hold the same rows whatever the table's size."""
    rnd = random.Random(seed)
    stride = count // own if focus and own else 0

    def outcome(drawn: str, t: int, i: int) -> str:
        # One in ten of the focus tenant's deliveries failed, the same ones at any count; the others' at random.
        return drawn if t != focus or not stride else ("http_error" if i // stride % 10 == 9 else "ok")

    actions = ["auth.sign_in", "tenant.update", "keys.regenerate", "webhooks.test", "key.reveal", "stripe.connect"]
    with engine.begin() as c:
        for start in range(0, count, 20000):
            audit, deliveries = [], []
            for i in range(start, min(count, start + 20000)):
                at = NOW - timedelta(seconds=count - i)
                t = rnd.randint(1, tenants)
                if stride:
                    t = focus if i % stride == 0 else (t if t != focus else focus % tenants + 1)
                audit.append(
                    {
                        "at": at,
                        "actor": f"user{rnd.randint(1, 200)}@x.example",
                        "action": rnd.choice(actions),
                        "tenant_id": t,
                        "outcome": "ok",
                        "reason": "",
                        "detail": "",
                    }
                )
                deliveries.append(
                    {
                        "tenant_id": t,
                        "url": "https://hooks.example/x",
                        "event_id": f"evt_{i}",
                        "event_type": rnd.choice(["invoice.paid", "webhook.test", "account.updated"]),
                        "request_headers": {},
                        "body": "{}",
                        "body_sha256": "0" * 64,
                        "body_size": 2,
                        "outcome": outcome(rnd.choice(["ok"] * 9 + ["http_error"]), t, i),
                        "status_code": 200,
                        "error": "",
                        "latency_ms": 5,
                        "attempt": 1,
                        "response_headers": {},
                        "response_excerpt": "",
                        "at": at,
                    }
                )
            c.execute(insert(AuditEntry.__table__), audit)
            c.execute(insert(WebhookDelivery.__table__), deliveries)
