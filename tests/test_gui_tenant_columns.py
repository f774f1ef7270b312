"""The SQLite tenant list held as joined UTF-8 columns (issue 15, memory): what an operator sees is the same — every
column sorts both ways, search-as-you-type is case-blind (non-ASCII too) and follows the sort, filters and search
combine — and what it holds per tenant stays a small multiple of the tenant's own text as the list grows. The Needs
attention board holds live tenants without an account as columns too."""

import tracemalloc
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from billing_desktop.services.tenant_columns import SearchColumn, TextColumn
from billing_desktop.store.models import Tenant
from billing_desktop.ui.tenant_model import COLUMNS, TenantTableModel

pytestmark = pytest.mark.gui

COL = {attr: n for n, (_, attr) in enumerate(COLUMNS)}
NAMES = ["Müller Straße GmbH", "acme", "Zebra Ltd", "Émile & Co", "globex", "Ærø Shipping", "Ünal Öztürk", "Bob"]


def add_tenants(services, start: int, count: int, *, live_every: int = 0) -> None:
    """Tenants written in one multi-row INSERT (the app's own table; no owner, no keys): thousands in a moment."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    rows = [
        {
            "company_name": f"{NAMES[i % len(NAMES)]} {i}",
            "slug": f"t-{i}",
            "email": f"Owner{i}@T{i}.example",
            "domain": "",
            "tier": ("free", "pro", "enterprise")[i % 3],
            "platform_fee_percent": 0,
            "mode": "live" if live_every and i % live_every == 0 else "test",
            "active": i % 7 != 3,
            "branding": {},
            "metadata": {},
            "created_at": now,
            "updated_at": now,
        }
        for i in range(start, start + count)
    ]
    with services.ctx.engine.begin() as c:
        c.execute(insert(Tenant.__table__), rows)


def type_text(qtbot, edit, text: str) -> None:
    """Key presses carrying the characters (QTest's keyClicks knows ASCII only: "ß", "ü" abort it)."""
    for ch in text:
        QApplication.sendEvent(
            edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )
    qtbot.wait(1)


def shown(model, attr: str) -> list:
    return [model.index(r, COL[attr]).data() for r in range(model.rowCount())]


def test_text_column_reads_like_a_list_and_finds_rows_without_crossing_them(monkeypatch):
    values = ["Müller", "", "a\tb", "😀 emoji", "ab", "cd", "Straße"]
    monkeypatch.setattr(SearchColumn, "BLOCK", 3)  # rows in blocks of three: matches in the first, middle and last
    col, search = TextColumn(values), SearchColumn(values)
    for c in (col, search):
        assert list(c) == values and len(c) == 7 and c[-1] == "Straße" and c[3] == "😀 emoji"
        with pytest.raises(IndexError):
            c[7]
    assert col.raw(0) < col.raw(6) and search.raw(0) < search.raw(6)  # bytes order is code point order
    col = search
    assert list(col.find_rows("b")) == [2, 4] and col.find_rows("a") == [2, 4, 6]
    assert list(col.find_rows("bc")) == []  # "ab" + "cd" are two rows, not one
    assert list(col.find_rows("ße")) == [6] and list(col.find_rows("😀")) == [3] and col.find_rows("m") == [3]
    assert col.find_rows("x") == [] and col.find_rows("b\nc") == [] and col.find_rows("") == list(range(7))


def test_every_column_sorts_both_ways_and_search_follows_the_sort(qtbot, open_main_window, services, operator):
    add_tenants(services, 0, 60)
    win = open_main_window(operator, ready=lambda w: w.loaded and w.model.rowCount() == 60)
    names = shown(win.model, "company_name")
    assert names == sorted(names, key=str.casefold)  # by name at first, case-blind
    for attr in ("company_name", "mode", "tier", "stripe", "slug", "email", "active"):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            win.table.sortByColumn(COL[attr], order)
            values = shown(win.model, attr)
            key = str.casefold if attr in ("company_name", "slug", "email") else None
            assert values == sorted(values, key=key, reverse=order == Qt.SortOrder.DescendingOrder), (attr, order)
    win.table.sortByColumn(COL["slug"], Qt.SortOrder.DescendingOrder)
    qtbot.keyClicks(win.search, "STRASSE")  # "ß" case-folds to "ss"
    slugs = shown(win.model, "slug")
    assert len(slugs) == 8 and slugs == sorted(slugs, reverse=True)
    assert all(name.startswith("Müller Straße GmbH") for name in shown(win.model, "company_name"))
    assert win.count_label.text() == "8 of 60 tenants"
    win.search.clear()
    type_text(qtbot, win.search, "ünal")
    assert shown(win.model, "company_name") == sorted(
        (f"Ünal Öztürk {i}" for i in range(6, 60, 8)), key=lambda n: f"t-{n.split()[-1]}", reverse=True
    )
    win.search.clear()
    qtbot.keyClicks(win.search, "owner17@t17")  # the email, typed in lower case
    assert shown(win.model, "slug") == ["t-17"]
    win.search.clear()
    qtbot.keyClicks(win.search, "example" + "bob")  # one row's end and the next one's start: no match
    assert win.model.rowCount() == 0


def test_filters_search_and_selection_across_a_refresh(qtbot, open_main_window, services, operator):
    add_tenants(services, 0, 40, live_every=4)
    win = open_main_window(operator, ready=lambda w: w.loaded and w.model.rowCount() == 40)
    filters = win.connect_ops.filters
    filters.combos["mode"].setCurrentIndex(filters.combos["mode"].findData("live"))
    assert set(shown(win.model, "mode")) == {"LIVE"} and win.model.rowCount() == 10
    type_text(qtbot, win.search, "müller")
    assert shown(win.model, "company_name") == [f"Müller Straße GmbH {i}" for i in (0, 16, 24, 32, 8)]
    assert win.count_label.text() == "5 of 40 tenants"
    win.search.clear()
    filters.combos["mode"].setCurrentIndex(0)
    qtbot.keyClicks(win.search, "zebra")
    zebras = shown(win.model, "company_name")
    assert zebras == sorted(f"Zebra Ltd {i}" for i in range(2, 40, 8))
    win.table.selectRow(2)
    chosen = win.selected_tenant_id()
    add_tenants(services, 40, 5)
    win.refresh()
    qtbot.waitUntil(lambda: win.model.total() == 45)
    assert win.selected_tenant_id() == chosen and win.model.row_at(2).company_name == zebras[2]
    assert shown(win.model, "company_name") == [*zebras, "Zebra Ltd 42"]


def held_by_model(services, operator) -> tuple[TenantTableModel, int, int]:
    """Bytes the loaded model holds (traced by Python) and the peak while it was read and searched, as at start-up."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        model = TenantTableModel()
        model.set_prepared(TenantTableModel.prepare(services.tenants.list_columns(operator)))
        for text in ("a", "ac", "7", ""):
            model.set_filter(text)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return model, held - before, peak - before


def test_the_list_holds_little_more_than_its_text_per_tenant_as_it_grows(qapp, services, operator):
    """From 2,000 to 20,000 tenants the model grows by at most 4 times the tenants' own text (UTF-8 of name, slug
    and email; held: the text, its case-folded search copy, offsets and row numbers; measured 2.9), 4.5 at the peak
    of loading and searching (3.0). A str per cell, as before, held 8.4 and peaked at 9.3. Ratios of Python's own
    byte counts: the same on any machine."""
    add_tenants(services, 0, 2_000)
    held_by_model(services, operator)  # first use: compiled queries, imports
    small, held_small, peak_small = held_by_model(services, operator)
    add_tenants(services, 2_000, 18_000)
    big, held_big, peak_big = held_by_model(services, operator)
    assert big.total() == 20_000 and small.total() == 2_000
    text = sum(
        len(f"{NAMES[i % len(NAMES)]} {i}".encode()) + len(f"t-{i}") + len(f"Owner{i}@T{i}.example")
        for i in range(2_000, 20_000)
    )
    growth = (held_big - held_small) / text
    peak_growth = (peak_big - peak_small) / text
    assert growth <= 4.0, f"{growth:.2f} bytes held per byte of tenant text"
    assert peak_growth <= 4.5, f"{peak_growth:.2f} bytes at the peak per byte of tenant text"


def test_the_board_holds_live_tenants_without_an_account_as_columns(services, operator):
    """One item per live tenant without an account, each held in a small multiple of its slug and name (they were
    an object, two messages and two strings each, and a dict entry: 62 bytes per byte of slug and name; now 2.8),
    while reading like the list of rows it was."""
    add_tenants(services, 0, 2_000, live_every=2)  # ids from 1: the odd ids are the live ones
    expected = sum(1 for i in range(20_000) if i % 2 == 0 and i % 7 != 3)  # live and active

    def held():
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            board = services.attention.board(operator)
            return board, tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()

    held()
    small, held_small = held()
    add_tenants(services, 2_000, 18_000, live_every=2)
    big, held_big = held()
    assert len(big.items) == expected and len(small.items) == sum(1 for i in range(2_000) if i % 2 == 0 and i % 7 != 3)
    rows = list(big.items)
    assert [r.slug for r in rows] == sorted(r.slug for r in rows) and rows[0] == big.items[0]
    assert big.items[-1].title == "Live mode, but no Stripe account is connected"
    assert big.per_tenant[rows[5].tenant_id] == 1 and big.per_tenant.get(2) is None and 2 not in big.per_tenant
    assert len(big.per_tenant) == expected and set(big.per_tenant) == {r.tenant_id for r in rows}
    text = sum(len(r.slug.encode()) + len(r.company.encode()) for r in rows) - sum(
        len(r.slug.encode()) + len(r.company.encode()) for r in small.items
    )
    growth = (held_big - held_small) / text
    assert growth <= 5, f"{growth:.2f} bytes held per byte of slug and name"
