"""Use cases. The GUI and the CLI call these and nothing below them."""

from __future__ import annotations

from billing_desktop.services.context import AppContext


class Services:
    """All use cases over one AppContext."""

    def __init__(self, ctx: AppContext):
        from billing_desktop.services.audit import AuditService
        from billing_desktop.services.auth import AuthService
        from billing_desktop.services.key_inspection import KeyInspectionService
        from billing_desktop.services.keys import KeyService
        from billing_desktop.services.settings import SettingsService
        from billing_desktop.services.tenants import TenantService
        from billing_desktop.services.users import UserService

        self.ctx = ctx
        self.startup_report = None  # what the start-up key repair did, if it ran
        self.auth = AuthService(ctx)
        self.keys = KeyService(ctx)
        self.inspection = KeyInspectionService(ctx)
        self.tenants = TenantService(ctx, self.keys)
        self.users = UserService(ctx)
        self.audit = AuditService(ctx)
        self.settings = SettingsService(ctx)
        from billing_desktop.services.stripe_connect import StripeConnectService
        from billing_desktop.services.stripe_platform import StripePlatformService

        self.stripe_platform = StripePlatformService(ctx)
        self.stripe = StripeConnectService(ctx, self.stripe_platform)
        from billing_desktop.services.connect_sync import ConnectSyncService

        self.connect_sync = ConnectSyncService(ctx, self.stripe)
        from billing_desktop.services.attention import AttentionService
        from billing_desktop.services.connect_account import ConnectAccountService
        from billing_desktop.services.disputes import DisputeService
        from billing_desktop.services.platform_fees import PlatformFeeService

        self.connect_account = ConnectAccountService(ctx, self.stripe)
        self.fees = PlatformFeeService(ctx, self.stripe)
        self.disputes = DisputeService(ctx, self.stripe)
        self.attention = AttentionService(ctx)
        from billing_desktop.services.webhook_delivery import WebhookDeliveryService
        from billing_desktop.services.webhooks import WebhookService

        self.webhooks = WebhookService(ctx)
        self.deliveries = WebhookDeliveryService(ctx, self.webhooks)

    def close(self) -> None:
        self.ctx.engine.dispose()
