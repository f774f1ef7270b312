"""Stripe Connect: the StripeClient factory, the loopback OAuth listener and Stripe error translation."""
