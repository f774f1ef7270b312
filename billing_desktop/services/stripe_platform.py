"""Platform-wide Stripe settings (operators): Connect client ID, secret key and webhook signing secret (sealed in the
vault), port, relay URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import func, select

from billing_desktop.domain.keys import mask
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.validation import raise_if
from billing_desktop.errors import AppError, msg
from billing_desktop.services import audit
from billing_desktop.services.concurrency import check_version
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.locking import lock_platform
from billing_desktop.store.models import Setting

SECRET_KEY_NAME = "platform/stripe-secret-key"
# The signing secret of the platform's Connect webhook endpoint (Stripe dashboard, or `stripe listen`): the only
# secret a Stripe event about a connected account is checked against. A tenant's own webhook secret is known to the
# tenant (it reveals it for its receiver), so it proves nothing about what Stripe said.
WEBHOOK_SECRET_NAME = "platform/stripe-webhook-secret"
CLIENT_ID, PORT, RELAY_URL = "stripe_client_id", "stripe_oauth_port", "stripe_redirect_relay_url"
PLATFORM_KEYS = (CLIENT_ID, PORT, RELAY_URL)
DEFAULT_PORT = 8765
CALLBACK_PATH = "/stripe/callback"


@dataclass(frozen=True, kw_only=True)
class StripePlatform:
    client_id: str
    port: int
    relay_url: str
    secret_key_masked: str | None  # None: not set
    webhook_secret_masked: str | None = None  # None: not set
    version: int = 0  # the newest of its settings rows; 0 when none is stored yet

    @property
    def redirect_uri(self) -> str:
        return self.relay_url or f"http://127.0.0.1:{self.port}{CALLBACK_PATH}"


def check_webhook_secret(secret: str | None) -> str | None:
    if secret is None or re.fullmatch(r"whsec_[0-9A-Za-z+/=_-]{16,256}", secret.strip()):
        return None
    return msg(
        "Enter the signing secret of the platform's Connect webhook endpoint: whsec_… from the Stripe dashboard."
    )


def check_relay_url(url: str) -> str | None:
    if not url:
        return None
    p = urlsplit(url)
    if p.scheme != "https" or not p.hostname or p.username or p.password or p.fragment:
        return "Use an https:// address with no user name, password or #fragment."
    return None


class StripePlatformService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def _values(self) -> tuple[dict[str, str], int]:
        with self.ctx.db() as s:
            rows = s.execute(
                select(Setting.key, Setting.value, Setting.version).where(Setting.key.in_(PLATFORM_KEYS))
            ).all()
            return {k: v for k, v, _ in rows}, max((n for _, _, n in rows), default=0)

    def load(self, *, with_secret: bool = True) -> StripePlatform:
        v, version = self._values()
        masked: dict[str, str | None] = {SECRET_KEY_NAME: None, WEBHOOK_SECRET_NAME: None}
        if with_secret:
            from billing_desktop.vault import VaultLocked

            with self.ctx.db() as s:
                for name in masked:
                    try:
                        key = self.ctx.vault.open(s, name)
                        masked[name] = mask(key) if key else None
                    except VaultLocked:  # set, but this OS account cannot open the vault yet
                        masked[name] = "(sealed: waiting for vault access)" if self.ctx.vault.exists(s, name) else None
        return StripePlatform(
            client_id=v.get(CLIENT_ID, ""),
            port=int(v.get(PORT, DEFAULT_PORT)),
            relay_url=v.get(RELAY_URL, ""),
            secret_key_masked=masked[SECRET_KEY_NAME],
            webhook_secret_masked=masked[WEBHOOK_SECRET_NAME],
            version=version,
        )

    def get(self, session: UserSession) -> StripePlatform:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
        return self.load()

    def secret_key(self) -> str:
        with self.ctx.db() as s:
            key = self.ctx.vault.open(s, SECRET_KEY_NAME)
        if not key:
            raise AppError(
                msg(
                    "The platform's Stripe secret key is not set: an operator sets it in Platform settings "
                    "(or `billing-desktop platform set-stripe`)."
                )
            )
        return key

    def webhook_secrets(self) -> list[str]:
        """The Connect endpoint's signing secret(s) to check Stripe events against; [] when none is set."""
        with self.ctx.db() as s:
            secret = self.ctx.vault.open(s, WEBHOOK_SECRET_NAME)
        return [secret] if secret else []

    def set_webhook_secret(self, session: UserSession, secret: str) -> StripePlatform:
        raise_if({"webhook_secret": check_webhook_secret(secret)})
        with self.ctx.db() as s, s.begin():
            lock_platform(s)
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
            self.ctx.vault.seal(s, WEBHOOK_SECRET_NAME, secret.strip(), self.ctx.clock())
            audit.record(s, self.ctx.clock(), session.email, "platform.set_stripe", detail="webhook secret")
        return self.load()

    def require_client_id(self) -> str:
        client_id = self.load(with_secret=False).client_id
        if not client_id:
            raise AppError(
                msg("The Stripe Connect client ID (ca_…) is not set: an operator sets it in Platform settings.")
            )
        return client_id

    def update(
        self,
        session: UserSession,
        client_id: str,
        secret_key: str | None = None,
        port: int | None = None,
        relay_url: str = "",
        expected_version: int | None = None,
        webhook_secret: str | None = None,
    ) -> StripePlatform:
        client_id, relay_url = client_id.strip(), relay_url.strip()
        raise_if(
            {
                "client_id": None
                if re.fullmatch(r"ca_[0-9A-Za-z_]{8,64}", client_id)  # Stripe's own ids may hold underscores
                else msg(
                    "Enter the Connect client ID from the Stripe dashboard: ca_ followed by letters, digits and _."
                ),
                "secret_key": None
                if secret_key is None or re.fullmatch(r"(sk|rk)_(test|live)_[0-9A-Za-z]{10,247}", secret_key.strip())
                else msg("Enter a secret key: sk_test_… or sk_live_… (a restricted rk_ key also works)."),
                "port": None
                if port is None or 1024 <= int(port) <= 65535
                else msg("Choose a port from 1024 to 65535."),
                "relay_url": check_relay_url(relay_url),
                "webhook_secret": check_webhook_secret(webhook_secret),
            }
        )
        with self.ctx.db() as s, s.begin():
            lock_platform(s)
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
            current = s.scalar(select(func.max(Setting.version)).where(Setting.key.in_(PLATFORM_KEYS))) or 0
            check_version(
                s,
                what=msg("The platform settings"),
                current=current,
                expected=expected_version,
                actions=("platform.set_stripe",),
            )
            if secret_key is not None:
                self.ctx.vault.seal(s, SECRET_KEY_NAME, secret_key.strip(), self.ctx.clock())
            if webhook_secret is not None:
                self.ctx.vault.seal(s, WEBHOOK_SECRET_NAME, webhook_secret.strip(), self.ctx.clock())
            for key, value in ((CLIENT_ID, client_id), (PORT, str(port) if port else None), (RELAY_URL, relay_url)):
                if value is None:
                    continue
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=value, version=current + 1))
                else:
                    row.value, row.version = value, current + 1
            audit.record(
                s,
                self.ctx.clock(),
                session.email,
                "platform.set_stripe",
                detail="client id, port, relay"
                + (", secret key" if secret_key is not None else "")
                + (", webhook secret" if webhook_secret is not None else ""),
            )
        return self.load()
