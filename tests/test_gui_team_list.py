"""On a team database (PostgreSQL) the tenant list never holds the whole table: the window reads a page at a time as
the operator scrolls, keeps a bounded number of pages, and has the server search, sort and filter (issue 12, item 5).
"""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import insert

from billing_desktop.store.models import Tenant
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.tenant_paged import PagedTenantModel
from tests.conftest import register
from tests.gui_helpers import settings, type_into

pytestmark = pytest.mark.gui
COUNT = 130  # pages of 20: seven pages, more than the window keeps


@pytest.fixture
def backend():
    return "postgresql"


@pytest.fixture
def window(qtbot, services, operator, tmp_path, monkeypatch):
    now = datetime(2026, 11, 27, tzinfo=UTC)
    rows = [
        {
            "company_name": f"Tenant {n:03d}",
            "slug": f"tenant-{n:03d}",
            "email": f"owner{n}@t{n}.example",
            "domain": "",
            "tier": ("free", "pro", "enterprise")[n % 3],
            "platform_fee_percent": 0,
            "mode": "test",
            "active": True,
            "branding": {},
            "metadata": {},
            "created_at": now,
            "updated_at": now,
        }
        for n in range(COUNT)
    ]
    with services.ctx.engine.begin() as c:
        c.execute(insert(Tenant.__table__), rows)
    monkeypatch.setattr(PagedTenantModel, "PAGE", 20)
    monkeypatch.setattr(PagedTenantModel, "KEEP_PAGES", 3)
    win = MainWindow(services, operator, settings(tmp_path / "ui"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded and win.overview.details is not None, timeout=10000)
    yield win
    win.live.stop()


def names(win) -> list[str]:
    return [r.company_name if (r := win.model.row_at(i)) else "?" for i in range(win.model.rowCount())]


def scroll_to_end(qtbot, win) -> None:
    def at_end() -> bool:
        win.table.scrollToBottom()  # the view asks for the next page when it shows the last row
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


def test_sorting_and_filters_are_answered_by_the_server(qtbot, window):
    header = window.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # as a click on Company does
    qtbot.waitUntil(lambda: names(window)[:2] == ["Tenant 129", "Tenant 128"], timeout=5000)
    scroll_to_end(qtbot, window)
    assert window.model.row_at(COUNT - 1).company_name == "Tenant 000"
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # Tier: enterprise first, then by name
    qtbot.waitUntil(lambda: names(window)[:2] == ["Tenant 002", "Tenant 005"], timeout=5000)
    header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)  # Stripe: not sorted on the server
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (2, Qt.SortOrder.AscendingOrder)
    assert "sorts by company" in window.statusBar().currentMessage()
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
