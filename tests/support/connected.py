"""Put tenants and their connected accounts in place directly (the OAuth flow has its own tests)."""

from __future__ import annotations

from billing_desktop.store.models import StripeAccount


def link(services, tenant_id: int, account_id: str, *, livemode: bool = False) -> None:
    with services.ctx.db() as s, s.begin():
        s.add(
            StripeAccount(
                tenant_id=tenant_id,
                stripe_user_id=account_id,
                status="pending",
                livemode=livemode,
                scope="read_write",
                connected_at=services.ctx.clock(),
            )
        )


# What the Stripe dashboard shows for the platform's Connect webhook endpoint: the secret Stripe events are signed with.
PLATFORM_WEBHOOK_SECRET = "whsec_platformConnectEndpoint0123456789"


def platform(services, operator, fake):
    from tests.conftest import free_port

    return services.stripe_platform.update(
        operator, fake.client_id, fake.secret_key, free_port(), webhook_secret=PLATFORM_WEBHOOK_SECRET
    )


def stripe_signed(body: bytes | str, secret: str = PLATFORM_WEBHOOK_SECRET) -> dict[str, str]:
    """The Stripe-Signature header Stripe would send with `body` (stripe-python's own signer)."""
    import stripe

    text = body.decode() if isinstance(body, bytes) else body
    return {"Stripe-Signature": stripe.WebhookSignature.generate_signature_header(text, secret)}


def bulk_tenants(services, names: list[str], *, mode: str = "test") -> list:
    """Tenant rows inserted directly (no owner, no keys): fast enough for hundreds of tenants."""
    from decimal import Decimal

    from billing_desktop.store.models import Tenant

    now = services.ctx.clock()
    rows = []
    with services.ctx.db() as s, s.begin():
        for n, name in enumerate(names):
            t = Tenant(
                company_name=name,
                slug=f"t{n}-{name.lower().replace(' ', '-')}",
                email=f"owner@{n}.{name.lower().replace(' ', '-')}.example",
                domain="",
                tier="free",
                platform_fee_percent=Decimal("2.5"),
                mode=mode,
                active=True,
                branding={},
                metadata_={},
                created_at=now,
                updated_at=now,
            )
            s.add(t)
            rows.append(t)
        s.flush()
    return rows
