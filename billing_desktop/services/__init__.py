"""Use cases. The GUI and the CLI call these and nothing below them."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # nothing imported at run time: `keys inspect`'s direct path imports this package
    from billing_desktop.services.attention import AttentionService
    from billing_desktop.services.audit import AuditService
    from billing_desktop.services.auth import AuthService
    from billing_desktop.services.backup import BackupService
    from billing_desktop.services.backup_schedule import BackupScheduleService
    from billing_desktop.services.changes import ChangeFeed
    from billing_desktop.services.connect_account import ConnectAccountService
    from billing_desktop.services.connect_events import ConnectEventService
    from billing_desktop.services.connect_sync import ConnectSyncService
    from billing_desktop.services.context import AppContext
    from billing_desktop.services.disputes import DisputeService
    from billing_desktop.services.key_inspection import KeyInspectionService
    from billing_desktop.services.keys import KeyService, RepairReport
    from billing_desktop.services.payout_sweep import PayoutSweepService
    from billing_desktop.services.platform_fees import PlatformFeeService
    from billing_desktop.services.recovery import RecoveryService
    from billing_desktop.services.settings import SettingsService
    from billing_desktop.services.stripe_connect import StripeConnectService
    from billing_desktop.services.stripe_platform import StripePlatformService
    from billing_desktop.services.team import TeamService
    from billing_desktop.services.tenants import TenantService
    from billing_desktop.services.users import UserService
    from billing_desktop.services.webhook_delivery import WebhookDeliveryService
    from billing_desktop.services.webhooks import WebhookService


class Services:
    """All use cases over one AppContext. Each is built (and its module imported) on first use, so a command that
    needs one use case does not pay for Stripe, httpx and the rest (`keys inspect` runs as its own process)."""

    def __init__(self, ctx: AppContext):
        self.ctx = ctx
        self.startup_report: RepairReport | None = None  # what the start-up key repair did, if it ran
        self._feeds: list[ChangeFeed] = []  # stopped and waited for by close()
        self.closed = False  # set by close(): work that would open the database again must not start

    @cached_property
    def auth(self) -> AuthService:
        from billing_desktop.services.auth import AuthService

        return AuthService(self.ctx)

    @cached_property
    def keys(self) -> KeyService:
        from billing_desktop.services.keys import KeyService

        return KeyService(self.ctx)

    @cached_property
    def inspection(self) -> KeyInspectionService:
        from billing_desktop.services.key_inspection import KeyInspectionService

        return KeyInspectionService(self.ctx)

    @cached_property
    def tenants(self) -> TenantService:
        from billing_desktop.services.tenants import TenantService

        return TenantService(self.ctx, self.keys)

    @cached_property
    def users(self) -> UserService:
        from billing_desktop.services.users import UserService

        return UserService(self.ctx)

    @cached_property
    def audit(self) -> AuditService:
        from billing_desktop.services.audit import AuditService

        return AuditService(self.ctx)

    @cached_property
    def settings(self) -> SettingsService:
        from billing_desktop.services.settings import SettingsService

        return SettingsService(self.ctx)

    @cached_property
    def stripe_platform(self) -> StripePlatformService:
        from billing_desktop.services.stripe_platform import StripePlatformService

        return StripePlatformService(self.ctx)

    @cached_property
    def stripe(self) -> StripeConnectService:
        from billing_desktop.services.stripe_connect import StripeConnectService

        return StripeConnectService(self.ctx, self.stripe_platform)

    @cached_property
    def connect_sync(self) -> ConnectSyncService:
        from billing_desktop.services.connect_sync import ConnectSyncService

        return ConnectSyncService(self.ctx, self.stripe)

    @cached_property
    def connect_account(self) -> ConnectAccountService:
        from billing_desktop.services.connect_account import ConnectAccountService

        return ConnectAccountService(self.ctx, self.stripe)

    @cached_property
    def fees(self) -> PlatformFeeService:
        from billing_desktop.services.platform_fees import PlatformFeeService

        return PlatformFeeService(self.ctx, self.stripe)

    @cached_property
    def disputes(self) -> DisputeService:
        from billing_desktop.services.disputes import DisputeService

        return DisputeService(self.ctx, self.stripe)

    @cached_property
    def payouts(self) -> PayoutSweepService:
        from billing_desktop.services.payout_sweep import PayoutSweepService

        return PayoutSweepService(self.ctx, self.stripe)

    @cached_property
    def attention(self) -> AttentionService:
        from billing_desktop.services.attention import AttentionService

        return AttentionService(self.ctx)

    @cached_property
    def webhooks(self) -> WebhookService:
        from billing_desktop.services.webhooks import WebhookService

        return WebhookService(self.ctx)

    @cached_property
    def deliveries(self) -> WebhookDeliveryService:
        from billing_desktop.services.webhook_delivery import WebhookDeliveryService

        return WebhookDeliveryService(self.ctx, self.webhooks)

    def change_feed(self, **options: Any) -> ChangeFeed:
        """A new ChangeFeed on this database (services/changes.py): other operators' commits as they happen."""
        from billing_desktop.services.changes import ChangeFeed

        feed = ChangeFeed(self.ctx.engine, **options)
        self._feeds.append(feed)
        return feed

    def database_label(self) -> str:
        """Which database this is, for the status bar: `host/db` for a team database, else the local file."""
        from billing_desktop.services.team_database import database_label

        return database_label(self.ctx.engine.url)

    @cached_property
    def team(self) -> TeamService:
        from billing_desktop.services.team import TeamService

        return TeamService(self.ctx)

    @cached_property
    def recovery(self) -> RecoveryService:
        from billing_desktop.services.recovery import RecoveryService

        return RecoveryService(self.ctx)

    @cached_property
    def backups(self) -> BackupService:
        from billing_desktop.services.backup import BackupService

        return BackupService(self.ctx)

    @cached_property
    def backup_schedule(self) -> BackupScheduleService:
        from billing_desktop.services.backup_schedule import BackupScheduleService

        return BackupScheduleService(self.ctx, self.backups)

    @cached_property
    def connect_events(self) -> ConnectEventService:
        from billing_desktop.services.connect_events import ConnectEventService

        return ConnectEventService(self.ctx, self.stripe)

    def close(self) -> None:
        """Stop the change feeds and wait for them, then close the database's connections: a feed still polling
        would give its connection back to the pool after dispose() and leave it open."""
        self.closed = True
        for feed in self._feeds:
            feed.stop()
        for feed in self._feeds:
            if not feed.join(5.0):
                import logging  # here: `keys inspect` imports this package and is timed as a whole process

                logging.getLogger(__name__).warning("a change feed did not stop within 5 s")
        self.ctx.engine.dispose()
