"""On a team database (PostgreSQL) the tenant list never holds the whole table: the window reads a page at a time as
the operator scrolls, keeps a bounded number of pages, and has the server search, sort and filter (issue 12, item 5).
"""

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import insert

from billing_desktop.services.tenant_registration import Registration
from billing_desktop.store.models import AttentionItem, StripeAccount
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.tenant_dialogs import RegisterTenantDialog
from billing_desktop.ui.tenant_paged import PagedTenantModel
from tests.conftest import OWNER_PASSWORD, register
from tests.gui_helpers import click, open_dialog, settings, type_into
from tests.support.tenant_rows import numbered_tenants

pytestmark = pytest.mark.gui
COUNT = 130  # pages of 20: seven pages, more than the window keeps


@pytest.fixture
def backend():
    return "postgresql"


@pytest.fixture
def window(qtbot, services, operator, tmp_path, monkeypatch):
    numbered_tenants(services, COUNT, digits=3)
    monkeypatch.setattr(PagedTenantModel, "PAGE", 20)
    monkeypatch.setattr(PagedTenantModel, "KEEP_PAGES", 3)
    win = MainWindow(services, operator, settings(tmp_path / "ui"))
    qtbot.addWidget(win)
    win.resize(1100, 480)  # a page of rows is taller than the list: the scroll bar's end asks for the next one
    win.show()
    qtbot.waitUntil(lambda: win.loaded and win.overview.details is not None, timeout=10000)
    yield win
    win.live.stop()


def names(win) -> list[str]:
    return [r.company_name if (r := win.model.row_at(i)) else "?" for i in range(win.model.rowCount())]


def scroll_to_end(qtbot, win) -> None:
    bar = win.table.verticalScrollBar()

    def at_end() -> bool:
        # The view asks for the next page when the scroll bar reaches its end: as an operator does, scroll up a
        # little and down again (a view already at the end after a new answer does not move by scrollToBottom).
        bar.setValue(max(0, bar.maximum() - 1))
        win.table.scrollToBottom()
        return not win.model.canFetchMore() and not win.model._pending

    qtbot.waitUntil(at_end, timeout=10000)


def test_the_list_reads_pages_as_the_operator_scrolls_and_keeps_only_a_few(qtbot, window):
    assert isinstance(window.model, PagedTenantModel)
    held = window.model.rowCount()
    assert 20 <= held < COUNT  # a screen's worth, not the table
    assert names(window) == [f"Tenant {n:03d}" for n in range(held)]
    assert window.count_label.text() == f"{COUNT} tenants"  # counted on the server
    assert window.table.currentIndex().row() == 0
    scroll_to_end(qtbot, window)
    assert window.model.rowCount() == COUNT
    assert window.model.pages_held() <= 3  # the first pages were let go
    assert window.model.row_at(0) is None
    assert [window.model.row_at(i).company_name for i in range(COUNT - 20, COUNT)] == [
        f"Tenant {n:03d}" for n in range(COUNT - 20, COUNT)
    ]
    window.table.scrollToTop()  # back up: the first page is read again by the key it starts after
    qtbot.waitUntil(lambda: window.model.row_at(0) is not None, timeout=5000)
    assert [window.model.row_at(i).company_name for i in range(20)] == [f"Tenant {n:03d}" for n in range(20)]
    assert window.model.pages_held() <= 3
    assert window.selected_tenant_id() == window.overview.details.id  # the selection stayed on its tenant


def test_search_asks_the_server_and_finds_rows_never_read(qtbot, window):
    type_into(qtbot, window.search, "tenant 12")  # 120..129: never read so far
    qtbot.waitUntil(lambda: names(window) == [f"Tenant {n:03d}" for n in range(120, 130)], timeout=5000)
    qtbot.waitUntil(lambda: window.overview.details.company_name == "Tenant 120", timeout=5000)
    qtbot.waitUntil(lambda: window.count_label.text() == f"10 of {COUNT} tenants", timeout=5000)
    type_into(qtbot, window.search, "owner7@")  # the email
    qtbot.waitUntil(lambda: names(window) == ["Tenant 007"], timeout=5000)
    type_into(qtbot, window.search, "no such tenant")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0 and window.right.currentWidget() is window.empty)
    assert "No tenant matches" in window.empty.title.text()
    window.search.clear()
    qtbot.waitUntil(lambda: names(window)[:2] == ["Tenant 000", "Tenant 001"], timeout=5000)


def test_search_for_a_sharp_s_finds_the_tenant(qtbot, window, services, operator):
    """The server compares with lower(name): the text typed is folded the same way (.lower()), not turned into
    "strasse" by casefold() and lost. setText, not key clicks: "Stra" on the way would match too. The slug is set:
    the one made from the name ("hauptstrasse-backerei") would match "strasse" too."""
    services.tenants.register(
        operator,
        Registration("Hauptstraße Bäckerei", "owner@baeckerei.example", OWNER_PASSWORD, slug="baeckerei-haupt"),
    )
    window.search.setText("Straße")
    qtbot.waitUntil(lambda: names(window) == ["Hauptstraße Bäckerei"], timeout=5000)
    window.search.setText("no such tenant")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=5000)
    window.search.setText("hauptSTRAßE")
    qtbot.waitUntil(lambda: names(window) == ["Hauptstraße Bäckerei"], timeout=5000)


def test_sorting_and_filters_are_answered_by_the_server(qtbot, window):
    header = window.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # as a click on Company does
    qtbot.waitUntil(lambda: names(window)[:2] == ["Tenant 129", "Tenant 128"], timeout=5000)
    scroll_to_end(qtbot, window)
    assert window.model.row_at(COUNT - 1).company_name == "Tenant 000"
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # Tier: enterprise first, then by name
    qtbot.waitUntil(lambda: names(window)[:2] == ["Tenant 002", "Tenant 005"], timeout=5000)
    window.connect_ops.filters.combos["tier"].setCurrentIndex(2)  # Pro only
    qtbot.waitUntil(lambda: names(window)[:2] == ["Tenant 001", "Tenant 004"], timeout=5000)
    qtbot.waitUntil(lambda: window.count_label.text() == f"43 of {COUNT} tenants", timeout=5000)


def test_a_new_tenant_and_another_operators_edit_show_up(qtbot, window, services, operator):
    t = services.tenants.get(operator, "tenant-001")
    services.tenants.update(operator, t.id, {"company_name": "Tenant 001 Renamed"})  # a commit the feed hears
    qtbot.waitUntil(lambda: names(window)[1] == "Tenant 001 Renamed", timeout=5000)
    new = register(services, operator, "Zulu Newcomer", "zulu@newcomer.example")
    from billing_desktop.ui.tenant_paged import locate

    locate(window, new.id)  # what Register and the attention board do for a tenant not among the pages held
    qtbot.waitUntil(lambda: window.selected_tenant_id() == new.id, timeout=5000)
    qtbot.waitUntil(lambda: window.overview.details.company_name == "Zulu Newcomer", timeout=5000)


def register_in_dialog(qtbot, win, company: str, email: str) -> None:
    click(qtbot, win.register_button)
    dialog = open_dialog(qtbot, RegisterTenantDialog)
    type_into(qtbot, dialog.company, company)
    type_into(qtbot, dialog.email, email)
    type_into(qtbot, dialog.password, OWNER_PASSWORD)
    type_into(qtbot, dialog.repeat, OWNER_PASSWORD)
    click(qtbot, dialog.ok_button)


def test_after_register_every_tenant_shows_with_the_new_one_selected(qtbot, window):
    """Seen in the team walk: the list stayed filtered to the new tenant's slug, which the operator never typed."""
    type_into(qtbot, window.search, "tenant 01")  # what the operator looked at before
    qtbot.waitUntil(lambda: window.count_label.text() == f"10 of {COUNT} tenants", timeout=5000)
    register_in_dialog(qtbot, window, "Tenant 045 Newcomer", "new@newcomer.example")  # row 46: the third page
    qtbot.waitUntil(lambda: window.overview.details.company_name == "Tenant 045 Newcomer", timeout=10000)
    assert window.search.text() == ""
    assert names(window)[45:48] == ["Tenant 045", "Tenant 045 Newcomer", "Tenant 046"]
    assert window.table.currentIndex().row() == 46 and window.table.selectionModel().isRowSelected(46)
    qtbot.waitUntil(lambda: window.count_label.text() == f"{COUNT + 1} tenants", timeout=5000)
    scroll_to_end(qtbot, window)  # the pages below it are read as ever
    assert names(window)[-1] == "Tenant 129" and window.model.pages_held() <= 3


def test_a_refresh_while_the_list_reads_down_to_the_new_tenant_does_not_lose_it(qtbot, window, services, operator):
    """The live refresh hears the registration while the list is being read down to the new tenant: it reads down
    to it again instead of answering from the start with the old selection."""
    new = register(services, operator, "Tenant 045 Newcomer", "new@newcomer.example")
    missing = []
    window.model.reveal(new.id, lambda: missing.append(new.id))
    window.refresh()  # what the live refresh does for the registration's audit row
    qtbot.waitUntil(lambda: window.selected_tenant_id() == new.id, timeout=10000)
    assert missing == [] and window.table.currentIndex().row() == 46
    qtbot.waitUntil(lambda: window.count_label.text() == f"{COUNT + 1} tenants", timeout=5000)


def test_a_new_tenant_farther_down_than_the_window_holds_is_found_by_its_slug(qtbot, window):
    register_in_dialog(qtbot, window, "Zulu Newcomer", "zulu@newcomer.example")  # row 131: beyond 3 pages of 20
    qtbot.waitUntil(lambda: window.overview.details.company_name == "Zulu Newcomer", timeout=10000)
    assert window.search.text() == "zulu-newcomer" and names(window) == ["Zulu Newcomer"]  # the box says why
    assert window.selected_tenant_id() == window.overview.details.id


def click_header(qtbot, win, column: int) -> None:
    header = win.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_a_click_on_the_stripe_or_attention_header_sorts_on_the_server(qtbot, window, services, operator):
    """Both values live outside the tenant row (an account, the board): the server still sorts by them, a page at a
    time, and scrolling on reads the rest in that order (issue 12)."""
    ids = {n: services.tenants.get(operator, f"tenant-{n:03d}").id for n in (5, 7, 9, 60, 120, 125)}
    with services.ctx.engine.begin() as c:
        c.execute(
            insert(StripeAccount.__table__),
            [
                {"tenant_id": ids[5], "status": "restricted"},
                {"tenant_id": ids[7], "status": "connected"},
                {"tenant_id": ids[9], "status": "pending"},
            ],
        )
        c.execute(
            insert(AttentionItem.__table__),
            [
                {"tenant_id": ids[n], "source": f"src-{n}-{k}", "kind": "payout_failed", "title": "t", "detail": ""}
                for n, items in ((120, 2), (60, 1), (125, 1))
                for k in range(items)
            ],
        )
    window.connect_ops.cache_changed()  # what a sync does: the board's counts reach the list
    qtbot.waitUntil(lambda: window.model.attention(ids[120]) == 2, timeout=5000)
    header = window.table.horizontalHeader()
    stripe, attention = 3, 4
    click_header(qtbot, window, stripe)
    assert header.sortIndicatorSection() == stripe
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        click_header(qtbot, window, stripe)
    # connected, then no account ("none") by name, ..., pending, restricted
    qtbot.waitUntil(lambda: names(window)[:3] == ["Tenant 007", "Tenant 000", "Tenant 001"], timeout=5000)
    scroll_to_end(qtbot, window)
    assert [window.model.row_at(COUNT - n).company_name for n in (2, 1)] == ["Tenant 009", "Tenant 005"]
    click_header(qtbot, window, stripe)  # again: the other way round (the whole key, as for Tier)
    qtbot.waitUntil(lambda: names(window)[:3] == ["Tenant 005", "Tenant 009", "Tenant 129"], timeout=5000)

    click_header(qtbot, window, attention)
    if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
        click_header(qtbot, window, attention)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (attention, Qt.SortOrder.DescendingOrder)
    # most items first, ties by name, then every tenant without items by name
    top = ["Tenant 120", "Tenant 060", "Tenant 125", "Tenant 000", "Tenant 001"]
    qtbot.waitUntil(lambda: names(window)[:5] == top, timeout=5000)
    scroll_to_end(qtbot, window)
    seen = [window.model.row_at(i).company_name for i in range(COUNT - 20, COUNT)]
    assert seen[-1] == "Tenant 129" and "Tenant 120" not in seen and len(set(seen)) == 20
    assert window.model.rowCount() == COUNT and window.count_label.text() == f"{COUNT} tenants"
    click_header(qtbot, window, attention)  # fewest first: the tenants without items, then the counted ones
    qtbot.waitUntil(lambda: names(window)[:2] == ["Tenant 000", "Tenant 001"], timeout=5000)
    scroll_to_end(qtbot, window)
    assert [window.model.row_at(COUNT - n).company_name for n in (3, 2, 1)] == [
        "Tenant 060",
        "Tenant 125",
        "Tenant 120",
    ]


def test_live_refresh_counts_every_tenant_only_when_their_number_may_have_changed(qtbot, window, services, operator):
    """Each batch of another operator's edits re-reads the pages shown; the count of every tenant (1,000,000 rows on
    a large team database) is asked again only after a registration or a reconnect."""
    calls: list[tuple[object, int | None]] = []
    real = services.tenants.count

    def counting(session, query, *, cap=None):
        calls.append((query, cap))
        return real(session, query, cap=cap)

    services.tenants.count = counting
    t = services.tenants.get(operator, "tenant-002")
    for n in range(3):
        services.tenants.update(
            operator, t.id, {"company_name": f"Tenant 002 edit {n}"}, expected_version=t.version + n
        )
        qtbot.waitUntil(lambda n=n: names(window)[2] == f"Tenant 002 edit {n}", timeout=5000)
    qtbot.wait(300)  # any count the refresh asked for is back
    assert [c for c in calls if c[1] is None] == [], calls  # no count of every tenant
    assert window.count_label.text() == f"{COUNT} tenants"
    register(services, operator, "Another Newcomer", "another@newcomer.example")
    qtbot.waitUntil(lambda: window.count_label.text() == f"{COUNT + 1} tenants", timeout=5000)
    assert len([c for c in calls if c[1] is None]) == 1
