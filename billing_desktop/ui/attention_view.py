"""The Needs attention board: everything an operator must act on, most urgent first, from the local cache.

Each row opens its tenant at the right tab (Enter or double-click) or offers the fix: a fix-up link for the
account holder, a resend of the failed webhook delivery, or the Stripe tab to connect an account.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from billing_desktop.domain.attention import AttentionKind, Fix
from billing_desktop.ui.forms import message_label
from billing_desktop.ui.i18n import text
from billing_desktop.ui.link_dialog import LinkDialog
from billing_desktop.ui.palette import badge_style, set_tone
from billing_desktop.ui.records import RecordsModel, records_view, time_text
from billing_desktop.ui.workers import describe

SEVERE = {AttentionKind.ACCOUNT_DISABLED, AttentionKind.REQUIREMENTS_PAST_DUE, AttentionKind.PAYOUT_FAILED}
FIX_TEXT = {
    Fix.UPDATE_LINK: QT_TRANSLATE_NOOP("AttentionView", "Send &fix-up link…"),
    Fix.RESEND_WEBHOOK: QT_TRANSLATE_NOOP("AttentionView", "Re&send webhook"),
    Fix.CONNECT: QT_TRANSLATE_NOOP("AttentionView", "&Connect account…"),
    Fix.NONE: QT_TRANSLATE_NOOP("AttentionView", "&Fix…"),
}

KIND_TEXT = {
    AttentionKind.ACCOUNT_DISABLED: QT_TRANSLATE_NOOP("AttentionView", "account disabled"),
    AttentionKind.REQUIREMENTS_PAST_DUE: QT_TRANSLATE_NOOP("AttentionView", "requirements past due"),
    AttentionKind.DISPUTE_EVIDENCE: QT_TRANSLATE_NOOP("AttentionView", "dispute evidence"),
    AttentionKind.PAYOUT_FAILED: QT_TRANSLATE_NOOP("AttentionView", "payout failed"),
    AttentionKind.REQUIREMENTS_DUE: QT_TRANSLATE_NOOP("AttentionView", "requirements due"),
    AttentionKind.CAPABILITY_INACTIVE: QT_TRANSLATE_NOOP("AttentionView", "capability inactive"),
    AttentionKind.KEY_GRACE_ENDING: QT_TRANSLATE_NOOP("AttentionView", "key grace period ending"),
    AttentionKind.WEBHOOK_FAILING: QT_TRANSLATE_NOOP("AttentionView", "webhook failing"),
    AttentionKind.ACCOUNT_MISSING: QT_TRANSLATE_NOOP("AttentionView", "account missing"),
    AttentionKind.LIVE_WITHOUT_ACCOUNT: QT_TRANSLATE_NOOP("AttentionView", "live without an account"),
}


def _kind(kind: AttentionKind) -> str:
    return QCoreApplication.translate("AttentionView", str(KIND_TEXT.get(kind, kind.value)))


def _due(row) -> str:
    return f"{time_text(row.due_at)} ({text(row.countdown)})" if row.due_at else "—"


class AttentionView(QDialog):
    open_tenant = Signal(int, str)  # tenant id, tab: stripe | keys | webhooks
    sync_requested = Signal()
    board_loaded = Signal(object)

    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.setObjectName("attention_view")
        self.setWindowTitle(self.tr("Needs attention"))
        self.setModal(False)
        self.resize(1000, 480)
        self.runner, self.services, self.session = runner, runner.services, runner.session
        self.board = None
        v = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = QLabel(self.tr("<h3>Needs attention</h3>"))
        self.stale = QLabel()
        self.stale.setObjectName("attention_stale")
        self.stale.setStyleSheet(badge_style("warning"))
        self.stale.hide()
        head.addWidget(self.heading)
        head.addWidget(self.stale)
        head.addStretch(1)
        self.sync_button = QPushButton(self.tr("Refresh &all from Stripe…"))
        self.sync_button.setObjectName("attention_sync")
        self.sync_button.clicked.connect(self.sync_requested.emit)
        self.reload_button = QPushButton(self.tr("&Reload"))
        self.reload_button.setObjectName("attention_reload")
        self.reload_button.clicked.connect(self.load)
        head.addWidget(self.sync_button)
        head.addWidget(self.reload_button)
        v.addLayout(head)
        self.model = RecordsModel(
            [
                (self.tr("Due"), _due),
                (self.tr("Tenant"), lambda r: r.company),
                (self.tr("What"), lambda r: text(r.title)),
                (self.tr("Details"), lambda r: text(r.detail)),
            ],
            tooltip=lambda r, c: f"{r.company} ({r.slug}) — {_kind(r.kind)}\n{text(r.detail)}",
            warn=lambda r: r.kind in SEVERE or r.countdown.endswith("ago"),
        )
        self.table = records_view(self.model, "attention_table", (230, 170, 300))
        self.table.activated.connect(lambda _i: self.open_selected())  # Enter, or a double-click where that activates
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        v.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("Nothing needs attention."))
        self.empty.setObjectName("attention_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        v.addWidget(self.empty)
        self.message = message_label()
        v.addWidget(self.message)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open tenant"))
        self.open_button.setObjectName("attention_open")
        self.open_button.clicked.connect(self.open_selected)
        self.fix_button = QPushButton(self.tr("&Fix…"))
        self.fix_button.setObjectName("attention_fix")
        self.fix_button.clicked.connect(self.fix_selected)
        row.addWidget(self.open_button)
        row.addWidget(self.fix_button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        row.addWidget(close)
        v.addLayout(row)
        self._selection_changed()

    # -- data --------------------------------------------------------------------------------------------------
    def load(self) -> None:
        self.reload_button.setEnabled(False)
        self.runner.run(
            self.services.attention.board, self.session, owner=self, on_done=self.show_board, on_error=self._failed
        )

    def show_board(self, board) -> None:
        self.reload_button.setEnabled(True)
        self.board = board
        self.board_loaded.emit(board)
        self.model.set_rows(board.items)
        n = len(board.items)
        heading = self.tr("Needs attention — 1 item") if n == 1 else self.tr("Needs attention — {0} items").format(n)
        self.heading.setText(f"<h3>{heading}</h3>")
        if board.stale:
            when = time_text(board.last_sync) if board.last_sync else self.tr("never")
            self.stale.setText(" " + self.tr("From saved data · last full sync {0}").format(when) + " ")
        self.stale.setVisible(board.stale)
        self.table.setVisible(bool(n))
        self.empty.setVisible(not n)
        if n and self.table.currentIndex().row() < 0:
            self.table.selectRow(0)
        self._selection_changed()

    def _failed(self, exc: Exception) -> None:
        self.reload_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()

    def selected(self):
        return self.model.row(self.table.currentIndex().row())

    def _selection_changed(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.fix_button.setEnabled(row is not None and row.fix != Fix.NONE)
        self.fix_button.setText(self.tr(str(FIX_TEXT[row.fix] if row is not None else FIX_TEXT[Fix.NONE])))

    # -- acting ------------------------------------------------------------------------------------------------
    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_tenant.emit(row.tenant_id, row.tab)

    def fix_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.message.hide()
        if row.fix == Fix.UPDATE_LINK:
            self.runner.run(
                self.services.connect_account.update_link,
                self.session,
                row.tenant_id,
                owner=self,
                on_error=self._failed,
                on_done=lambda link: LinkDialog(
                    self.tr("Fix-up link"),
                    self.tr("Send this link to {0}: Stripe asks for everything due.").format(row.company),
                    link,
                    self.services.stripe.open,
                    self,
                ).open(),
            )
        elif row.fix == Fix.RESEND_WEBHOOK and row.ref is not None:

            def resent(result) -> None:
                self.message.setText(self.tr("Resent: delivered.") if result.ok else self.tr("Resent: failed again."))
                set_tone(self.message, "success" if result.ok else "error")
                self.message.show()
                self.load()

            self.runner.run(
                self.services.deliveries.resend,
                self.session,
                row.ref,
                owner=self,
                on_done=resent,
                on_error=self._failed,
            )
        elif row.fix == Fix.CONNECT:
            self.open_tenant.emit(row.tenant_id, "stripe")
