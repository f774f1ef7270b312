"""A database and keyring as Billing Desktop left them before the sealed vault (schema 0004): every secret in the OS
keyring, the database holding only references. Written with plain SQL at revision 0004, as that version did."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from sqlalchemy import text

from billing_desktop.domain.keys import Kind, generate, lookup_hash
from billing_desktop.domain.webhooks import new_secret
from billing_desktop.store.database import _alembic_config, make_engine

NOW = "2026-01-01 00:00:00.000000"
SERVICE = "billing-desktop"


@dataclass
class OldInstall:
    url: str
    keyring_items: dict[str, str]  # keyring username -> value, as the old version wrote them
    api_keys: dict[int, str] = field(default_factory=dict)  # current secret key id -> value
    webhook_secrets: dict[int, str] = field(default_factory=dict)  # tenant id -> signing secret
    stripe_tokens: dict[str, str] = field(default_factory=dict)  # sealed name -> value
    platform_key: str = ""
    orphans: list[str] = field(default_factory=list)  # keyring items no row points at
    retired: list[str] = field(default_factory=list)  # items of revoked keys, never to be readable again


def make_old_install(path: Path, operator_hash: str, tenants: int = 2) -> OldInstall:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0004")
    old = OldInstall(url, {})
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO users (id, tenant_id, email, password_hash, first_name, last_name, role, active, "
                "failed_attempts, created_at) VALUES (1, NULL, 'op@platform.example', :h, 'O', 'P', 'operator', 1, 0, "
                ":now)"
            ),
            {"h": operator_hash, "now": NOW},
        )
        key_id = 0
        for t in range(1, tenants + 1):
            c.execute(
                text(
                    "INSERT INTO tenants (id, company_name, slug, email, domain, tier, platform_fee_percent, mode, "
                    "active, branding, metadata, created_at, updated_at) VALUES (:id, :n, :s, :e, '', 'free', 0, "
                    "'test', 1, '{}', '{}', :now, :now)"
                ),
                {"id": t, "n": f"Old {t}", "s": f"old-{t}", "e": f"owner@old{t}.example", "now": NOW},
            )
            for mode in ("test", "live"):
                for kind in (Kind.PUBLISHABLE, Kind.SECRET):
                    key_id += 1
                    value = generate(kind, mode)
                    ref = f"{t:04d}{key_id:028d}" if kind is Kind.SECRET else None
                    c.execute(
                        text(
                            "INSERT INTO api_keys (id, tenant_id, kind, mode, lookup_hash, prefix, last4, "
                            "publishable_value, vault_ref, created_at, created_by) VALUES (:id, :t, :k, :m, :h, :p, "
                            ":l, :pv, :r, :now, 'op@platform.example')"
                        ),
                        {
                            "id": key_id,
                            "t": t,
                            "k": kind.value,
                            "m": mode,
                            "h": lookup_hash(value),
                            "p": value[:8],
                            "l": value[-4:],
                            "pv": value if kind is Kind.PUBLISHABLE else None,
                            "r": ref,
                            "now": NOW,
                        },
                    )
                    if ref:
                        old.keyring_items[f"api-key/{ref}"] = value
                        old.api_keys[key_id] = value
            secret = new_secret()
            c.execute(
                text(
                    "INSERT INTO webhook_endpoints (tenant_id, url, event_types, description, enabled, scheme, "
                    "allow_private, created_at, updated_at) VALUES (:t, 'https://hooks.example/x', '[\"*\"]', '', "
                    "1, 'stripe', 0, :now, :now)"
                ),
                {"t": t, "now": NOW},
            )
            c.execute(
                text("INSERT INTO webhook_secrets (tenant_id, vault_ref, last4, created_at) VALUES (:t, :r, :l, :now)"),
                {"t": t, "r": f"wh{t}", "l": secret[-4:], "now": NOW},
            )
            old.keyring_items[f"tenant/{t}/webhook-secret/wh{t}"] = secret
            old.webhook_secrets[t] = secret
        # Tenant 1 is connected to Stripe: its OAuth tokens are in the keyring.
        c.execute(
            text(
                "INSERT INTO stripe_accounts (tenant_id, stripe_user_id, status, connected_at) "
                "VALUES (1, 'acct_old1', 'connected', :now)"
            ),
            {"now": NOW},
        )
        for purpose, value in (
            ("stripe-access-token", "sk_test_accesstoken0123456789old"),
            ("stripe-refresh-token", "rt_refreshtoken0123456789old"),
        ):
            old.keyring_items[f"tenant/1/{purpose}"] = value
            old.stripe_tokens[f"tenant/1/{purpose}"] = value
        old.platform_key = "sk_test_platformkey0123456789old"
        old.keyring_items["platform/stripe-secret-key"] = old.platform_key
        # A regenerate that crashed before its swap: an intent and a keyring item no row points at.
        c.execute(
            text(
                "INSERT INTO vault_intents (vault_ref, name, created_at) VALUES ('orphanref', 'api-key/orphanref', :n)"
            ),
            {"n": NOW},
        )
        old.keyring_items["api-key/orphanref"] = generate(Kind.SECRET, "test")
        old.orphans.append("api-key/orphanref")
        # A revoked key whose secret the old version had not deleted yet.
        revoked = next(iter(old.api_keys))
        c.execute(
            text("UPDATE api_keys SET revoked_at = :now, revoked_by = 'op', revoke_reason = 'x' WHERE id = :id"),
            {"now": NOW, "id": revoked},
        )
        old.retired.append(old.api_keys.pop(revoked))
    engine.dispose()
    return old


def fill_keyring(backend, old: OldInstall) -> None:
    for name, value in old.keyring_items.items():
        backend.set_password(SERVICE, name, value)
