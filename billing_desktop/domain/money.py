"""Amounts in a currency's minor unit (as Stripe sends them) and the platform-fee check."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Stripe's zero-decimal and three-decimal currencies (docs.stripe.com/currencies): an amount of 1000 is ¥1,000
# but $10.00.
ZERO_DECIMAL = frozenset(
    ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]
)
THREE_DECIMAL = frozenset(["bhd", "jod", "kwd", "omr", "tnd"])


def exponent(currency: str) -> int:
    c = currency.lower()
    if c in ZERO_DECIMAL:
        return 0
    if c in THREE_DECIMAL:
        return 3
    return 2


def format_amount(amount: int, currency: str) -> str:
    """1234, "usd" -> "12.34 USD"; 1234, "jpy" -> "1,234 JPY"."""
    places = exponent(currency)
    value = Decimal(amount).scaleb(-places)
    return f"{value:,.{places}f} {currency.upper()}"


def expected_fee(charge_amount: int, percent: Decimal) -> int:
    """The agreed fee in minor units, rounded half up: the unit is the currency's own (1 yen, 1 cent)."""
    return int((Decimal(charge_amount) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fee_differs(fee_amount: int, charge_amount: int, percent: Decimal) -> bool:
    """More than one minor unit away from the agreed percentage (one unit covers either rounding rule)."""
    return abs(fee_amount - expected_fee(charge_amount, percent)) > 1


def plain_amount(amount: int, currency: str) -> str:
    """1234, "usd" -> "12.34"; for files (CSV): no grouping, the currency's own number of decimals."""
    places = exponent(currency)
    return f"{Decimal(amount).scaleb(-places):.{places}f}"
