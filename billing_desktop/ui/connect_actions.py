"""Connect operations in the main window: a Stripe menu (Needs attention, Refresh all, Platform fees), the board
shown after sign-in when it has anything on it, and opening a tenant at the tab an item belongs to."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.ui.i18n import text, tr
from billing_desktop.ui.palette import STATUS_MESSAGE_LONG_MS
from billing_desktop.ui.window_menus import add_action


class ConnectActions:
    def __init__(self, window):
        self.window = window
        self.attention = None
        self.fees = None
        self.disputes = None
        w = window
        operator = allows(w.session.role, Perm.PLATFORM_MANAGE)
        bar = w.menuBar()
        menu = bar.addMenu(tr("&Connect"))
        bar.insertMenu(w.help_menu.menuAction(), menu)  # Help stays last
        menu.setObjectName("connect_menu")
        self.act_attention = add_action(w, tr("&Needs attention"), lambda: self.show_attention(), "Ctrl+Shift+A")
        self.act_sync = add_action(
            w, tr("&Refresh all Stripe accounts…"), lambda: self.sync(), QKeySequence("Ctrl+Shift+R")
        )
        self.act_fees = add_action(w, tr("Platform &fees…"), lambda: self.show_fees(), "Ctrl+Shift+E")
        self.act_disputes = add_action(w, tr("Open &disputes…"), lambda: self.show_disputes(), "Ctrl+Shift+D")
        self.act_event = add_action(w, tr("Apply a signed Stripe e&vent…"), lambda: self.apply_event())
        for a in (self.act_attention, self.act_sync, self.act_fees, self.act_disputes):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.act_event)
        for a in (self.act_sync, self.act_fees, self.act_disputes):  # every tenant's: operators only
            a.setVisible(operator)
        from billing_desktop.ui.tenant_filters import TenantFilters

        self.filters = TenantFilters(w.model)
        w.search.parentWidget().layout().insertWidget(1, self.filters)  # under the search box
        self.filters.changed.connect(w._update_count)
        from billing_desktop.ui.auto_sync import AutoSync

        self.sync_dialog = None
        self.auto_sync = AutoSync(w, enabled=operator, busy=self._dialog_syncing)
        self.auto_sync.apply_interval()  # off unless Preferences say otherwise
        # The board is the first thing an operator sees after signing in, when anything is on it: asked for once the
        # tenant list is in, so its worker (one item per live tenant without an account) does not compete with the
        # list's first screen.
        self._board_asked = False
        w.list_loaded.connect(self._ask_first_board)

    def _ask_first_board(self) -> None:
        if self._board_asked:
            return
        self._board_asked = True
        w = self.window
        w.runner.run(
            w.services.attention.board, w.session, owner=w, on_done=self._first_board, on_error=lambda exc: None
        )

    def _first_board(self, board) -> None:
        self.window.model.set_attention(board.per_tenant)
        if board.items:
            self.show_attention(board)

    def show_attention(self, board=None) -> None:
        from billing_desktop.ui.attention_view import AttentionView

        if self.attention is None:
            self.attention = AttentionView(self.window.runner, self.window)
            self.attention.open_tenant.connect(self.open_tenant)
            self.attention.board_loaded.connect(lambda b: self.window.model.set_attention(b.per_tenant))
            self.attention.sync_requested.connect(self.sync)
        self.attention.show()
        self.attention.activateWindow()
        if board is not None:
            self.attention.show_board(board)
        else:
            self.attention.load()

    def sync(self) -> None:
        from billing_desktop.ui.sync_dialog import SyncDialog

        self.auto_sync.give_way()  # never two syncs at once: the one asked for by hand wins
        dialog = SyncDialog(self.window.services, self.window.session, self.attention or self.window)
        dialog.synced.connect(self.synced)
        dialog.payouts_checked.connect(lambda _view: self.cache_changed())  # failed payouts onto the board
        dialog.start()
        self.sync_dialog = dialog

    def _dialog_syncing(self) -> bool:
        import shiboken6

        d = self.sync_dialog
        return d is not None and shiboken6.isValid(d) and d.task is not None

    def synced(self, report, *, automatic: bool = False) -> None:
        self.window.statusBar().showMessage(
            (tr("Automatic refresh: ") if automatic else "") + text(report.summary), STATUS_MESSAGE_LONG_MS
        )
        self.cache_changed()

    def cache_changed(self) -> None:
        """The Connect cache changed (a sync, an event): the board, the list's counts and the Stripe tab follow."""
        self.board_changed()
        self.window.refresh()  # Stripe states in the list
        stripe = self.window.pages.built("stripe")  # an unbuilt page loads when first shown
        if stripe is not None and stripe.tenant is not None:
            stripe.load()

    def board_changed(self) -> None:
        """The board (when open) and the list's attention counts follow the Connect cache."""
        if self.attention is not None and self.attention.isVisible():
            self.attention.load()
        else:
            w = self.window
            w.runner.run(
                w.services.attention.board,
                w.session,
                owner=w,
                on_done=lambda b: w.model.set_attention(b.per_tenant),
                on_error=lambda exc: None,
            )

    def show_fees(self) -> None:
        from billing_desktop.ui.fees_view import FeesView

        if self.fees is None:
            self.fees = FeesView(self.window.runner, self.window)
        self.fees.show()

    def apply_event(self) -> None:
        from billing_desktop.ui.apply_event_dialog import ApplyEventDialog

        w = self.window
        tenant = w.model.row_at(w.table.currentIndex().row())
        if tenant is None:
            w.statusBar().showMessage(tr("Select the tenant the event belongs to first."), 8000)
            return
        dialog = ApplyEventDialog(w.services, w.session, tenant, w)
        dialog.applied.connect(lambda _result: self.cache_changed())
        dialog.open()

    def show_disputes(self) -> None:
        from billing_desktop.ui.disputes_view import DisputesView

        if self.disputes is None:
            self.disputes = DisputesView(self.window.runner, self.window)
            self.disputes.open_tenant.connect(self.open_tenant)
        self.disputes.show()
        self.disputes.activateWindow()
        self.disputes.load()

    def open_tenant(self, tenant_id: int, tab: str) -> None:
        w = self.window
        row = w.model.row_of(tenant_id)
        if row < 0 and w.paged:  # not among the pages held: the server finds it
            from billing_desktop.ui.tenant_paged import locate

            locate(w, tenant_id)
        elif row < 0 and w.search.text():
            w.search.clear()  # filtered out: show everyone again
            row = w.model.row_of(tenant_id)
        if row >= 0:
            w.table.selectRow(row)
            w.table.scrollTo(w.model.index(row, 0))
        page = getattr(w, tab) if tab in ("stripe", "keys", "webhooks") else w.overview  # builds only that page
        w.tabs.setCurrentWidget(page)
        w.activateWindow()
