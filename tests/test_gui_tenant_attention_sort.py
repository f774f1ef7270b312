"""The tenant list sorted by Needs attention stays sorted by it when the list is read again (the live refresh after
another operator's change, Refresh, a registration): the order comes from the board's counts, which only the model
holds, so a reload must not fall back to the name order while the header still shows the attention sort."""

import pytest
from PySide6.QtCore import Qt

from billing_desktop.services.tenants import TenantRow
from billing_desktop.ui.tenant_model import ATTENTION, TenantTableModel

pytestmark = pytest.mark.gui


def rows(names: list[str]) -> list[TenantRow]:
    return [
        TenantRow(
            id=n, company_name=name, slug=f"t-{n}", email=f"o{n}@t.example", tier="free", mode="test", active=True
        )
        for n, name in enumerate(names, start=1)
    ]


def shown_ids(model: TenantTableModel) -> list[int]:
    return [model.row_at(r).id for r in range(model.rowCount())]


@pytest.mark.parametrize("order", [Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder])
def test_an_attention_sort_survives_a_reload(qapp, order):
    model = TenantTableModel()
    model.set_rows(rows(["Acme", "Bob", "Cyberdyne", "Dunder"]))
    model.set_attention({3: 5, 2: 1, 4: 3})
    model.sort(ATTENTION, order)
    want = [3, 4, 2, 1] if order == Qt.SortOrder.DescendingOrder else [1, 2, 4, 3]
    assert shown_ids(model) == want
    # Another operator renamed Bob: the whole list is read again, prepared in a worker with the current sort.
    prepared = TenantTableModel.prepare(rows(["Acme", "Zed", "Cyberdyne", "Dunder"]), model.sort_state)
    model.set_prepared(prepared)
    assert model.sort_state == (ATTENTION, order)
    assert shown_ids(model) == want
    model.set_filter("e")  # Acme, Zed, Cyberdyne, Dunder all hold an e: the search keeps the order
    assert shown_ids(model) == want
    model.set_rows(rows(["Acme", "Zed", "Cyberdyne", "Dunder", "Eve"]))  # a tenant added, also without counts
    assert shown_ids(model) == ([3, 4, 2, 1, 5] if order == Qt.SortOrder.DescendingOrder else [1, 5, 2, 4, 3])
