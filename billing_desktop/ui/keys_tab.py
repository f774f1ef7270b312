"""API Keys tab: the tenant's keys masked, Copy and Reveal, Regenerate with a grace period, Revoke with a reason."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.domain.states import USABLE, KeyStatus
from billing_desktop.domain.validation import Mode
from billing_desktop.ui.clipboard import copy_secret, copy_text
from billing_desktop.ui.elided import ElidedLabel
from billing_desktop.ui.flow_layout import FlowLayout
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.key_dialogs import NewKeysDialog, RegenerateDialog, RevokeDialog
from billing_desktop.ui.palette import STATUS_MESSAGE_MS, colour
from billing_desktop.ui.revealed import RevealedSecret

HEADERS: list[object] = [  # QT_TRANSLATE_NOOP is typed as returning object; the marks are str
    QT_TRANSLATE_NOOP("", "Kind"),
    QT_TRANSLATE_NOOP("", "Mode"),
    QT_TRANSLATE_NOOP("", "Key"),
    QT_TRANSLATE_NOOP("", "Status"),
    QT_TRANSLATE_NOOP("", "Created (UTC)"),
    QT_TRANSLATE_NOOP("", "Expires / revoked"),
]
STATUS_TONES = {
    KeyStatus.ACTIVE: "success",
    KeyStatus.EXPIRING: "warning",
    KeyStatus.EXPIRED: "muted",
    KeyStatus.REVOKED: "error",
}


class KeysTab(QWidget):
    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.services, self.session = runner.services, runner.session
        self.tenant = None  # TenantRow
        self.rows = []
        v = QVBoxLayout(self)
        self.heading = ElidedLabel(heading=True)
        v.addWidget(self.heading)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("keys_table")
        self.table.setAccessibleName(self.tr("API keys"))
        self.table.setHorizontalHeaderLabels([tr(str(h)) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((84, 48, 300, 70, 122)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        v.addWidget(self.table, 1)
        self.revealed = RevealedSecret()
        v.addWidget(self.revealed)
        row = FlowLayout()  # wraps on a narrow screen instead of scrolling sideways
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copy_key")
        self.copy_button.setToolTip(
            self.tr("Copy the key; a secret key is cleared from the clipboard after 30 seconds")
        )
        self.copy_button.clicked.connect(self.copy)
        self.reveal_button = QPushButton(self.tr("Re&veal"))
        self.reveal_button.setObjectName("reveal_key")
        self.reveal_button.clicked.connect(self.reveal)
        self.show_retired = QCheckBox(self.tr("Show &retired keys"))
        self.show_retired.setChecked(True)
        self.show_retired.toggled.connect(self._fill)
        self.regenerate_button = QPushButton(self.tr("Re&generate…"))
        self.regenerate_button.setObjectName("regenerate_keys")
        self.regenerate_button.clicked.connect(self.regenerate)
        self.revoke_button = QPushButton(self.tr("Re&voke…"))
        self.revoke_button.setObjectName("revoke_keys")
        self.revoke_button.clicked.connect(self.revoke)
        row.add(self.copy_button, self.reveal_button, self.show_retired, self.regenerate_button, self.revoke_button)
        v.addLayout(row)
        can_manage = allows(self.session.role, Perm.KEYS_MANAGE)
        self.regenerate_button.setVisible(can_manage)
        self.revoke_button.setVisible(can_manage)
        self.set_tenant(None)

    # -- data --------------------------------------------------------------------------------------------------
    def set_tenant(self, tenant) -> None:
        self.tenant = tenant
        self.revealed.conceal()
        self.setEnabled(tenant is not None)
        self.heading.setText(
            self.tr("API keys — {0}").format(tenant.company_name) if tenant else self.tr("No tenant selected")
        )
        self.rows = []
        self._fill()
        if tenant is not None and self.isVisible():
            self.reload()

    def reload(self) -> None:
        if self.tenant is None:
            return
        tenant_id = self.tenant.id
        self.runner.run(
            self.services.keys.list,
            self.session,
            tenant_id,
            owner=self,
            on_done=lambda rows: self._loaded(tenant_id, rows),
        )

    def showEvent(self, event) -> None:  # noqa: N802 - load when the tab is first looked at
        super().showEvent(event)
        self.reload()

    def _loaded(self, tenant_id: int, rows) -> None:
        if self.tenant is not None and self.tenant.id == tenant_id:
            self.rows = rows
            self._fill()

    def visible_rows(self):
        retired = self.show_retired.isChecked()
        return [r for r in self.rows if retired or r.status in USABLE]

    def _fill(self) -> None:
        from PySide6.QtGui import QBrush, QColor

        rows = self.visible_rows()
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            if r.status == KeyStatus.REVOKED:
                end = f"revoked {r.revoked_at:%Y-%m-%d %H:%M} by {r.revoked_by}: {r.revoke_reason}"
            elif r.expires_at:
                end = f"{r.expires_at:%Y-%m-%d %H:%M}" + (
                    f" (in {_until(r.expires_at, self.services.ctx.clock())})" if r.status == KeyStatus.EXPIRING else ""
                )
            else:
                end = ""
            values = [
                r.kind,
                r.mode.upper() if r.mode == Mode.LIVE else r.mode,
                r.masked,
                r.status,
                f"{r.created_at:%Y-%m-%d %H:%M}",
                end,
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 3:
                    item.setForeground(QBrush(QColor(colour(STATUS_TONES[r.status]))))
                self.table.setItem(n, c, item)
        self._selection_changed()

    def selected(self):
        rows = self.visible_rows()
        i = self.table.currentRow()
        return rows[i] if 0 <= i < len(rows) and self.table.selectedItems() else None

    def _selection_changed(self) -> None:
        r = self.selected()
        usable = r is not None and r.status in USABLE
        self.copy_button.setEnabled(usable)
        self.reveal_button.setEnabled(usable and r.kind == "secret" and allows(self.session.role, Perm.KEYS_REVEAL))
        self.revealed.conceal()

    # -- actions -------------------------------------------------------------------------------------------------
    def _status(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):  # the tab outside a main window (a test) has no status bar
            window.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def copy(self) -> None:
        r = self.selected()
        if r is None:
            return
        if r.kind == "publishable":
            copy_text(r.masked)
            self._status(self.tr("Publishable key copied."))
            return
        self.runner.run(
            self.services.keys.reveal,
            self.session,
            r.id,
            owner=self,
            reason=self.tr("Copying a live secret key needs your password again."),
            on_done=self._copied,
        )

    def _copied(self, key: str) -> None:
        copy_secret(key)
        self._status(self.tr("Secret key copied; the clipboard is cleared in 30 seconds."))

    def reveal(self) -> None:
        r = self.selected()
        if r is None:
            return

        self.runner.run(
            self.services.keys.reveal,
            self.session,
            r.id,
            owner=self,
            on_done=self.revealed.reveal,
            reason=self.tr("Revealing a live secret key needs your password again."),
        )

    def regenerate(self) -> None:
        tenant = self.tenant
        if tenant is None:
            return
        dialog = RegenerateDialog(tenant.company_name, self)
        dialog.setObjectName("regenerate_dialog")

        def go() -> None:
            from billing_desktop.services.keys import parse_grace

            env, grace = dialog.environment.currentData(), parse_grace(dialog.grace.currentData())
            self.runner.run(
                self.services.keys.regenerate,
                self.session,
                tenant.id,
                env,
                grace,
                owner=self,
                reason=self.tr("Regenerating {0} keys needs your password again.").format(env),
                on_done=lambda keys: self._regenerated(tenant, keys),
            )

        dialog.accepted.connect(go)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _regenerated(self, tenant, keys) -> None:
        self.reload()
        shown = NewKeysDialog(tenant.company_name, keys, self)
        shown.setObjectName("new_keys_dialog")
        shown.finished.connect(shown.deleteLater)
        shown.open()

    def revoke(self) -> None:
        tenant = self.tenant
        if tenant is None:
            return
        dialog = RevokeDialog(tenant.company_name, self)
        dialog.setObjectName("revoke_dialog")

        def go() -> None:
            env, reason = dialog.environment.currentData(), dialog.reason.text()
            self.runner.run(
                self.services.keys.revoke,
                self.session,
                tenant.id,
                env,
                reason,
                owner=self,
                reason=self.tr("Revoking {0} keys needs your password again.").format(env),
                on_done=self._revoked,
            )

        dialog.accepted.connect(go)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _revoked(self, n: int) -> None:
        self.reload()
        self._status(self.tr("Revoked {0} keys.").format(n))


def _until(when, now) -> str:
    seconds = int((when - now).total_seconds())
    if seconds >= 86400:
        return f"{seconds // 86400} d {seconds % 86400 // 3600} h"
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{max(0, seconds // 60)} min"
