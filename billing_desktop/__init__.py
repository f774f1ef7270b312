"""Billing Desktop: administer a multi-tenant billing platform on Stripe Connect."""

__version__ = "0.1.0"
APP_NAME = "Billing Desktop"
APP_ID = "billing-desktop"
