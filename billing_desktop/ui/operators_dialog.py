"""Operators (operators only): who may open the team's secrets — role, fingerprint, access, last sign-in; add an
operator, grant access after comparing the fingerprint, revoke with a re-key (progress and Cancel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from billing_desktop.domain.roles import Role
from billing_desktop.domain.states import MemberState
from billing_desktop.errors import ReauthRequired
from billing_desktop.ui.forms import confirm, note
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.task_dialog import TaskDialog
from billing_desktop.ui.workers import describe, submit_with_progress

COLUMNS = [
    QT_TRANSLATE_NOOP("", "Email"),
    QT_TRANSLATE_NOOP("", "Name"),
    QT_TRANSLATE_NOOP("", "Role"),
    QT_TRANSLATE_NOOP("", "Fingerprint"),
    QT_TRANSLATE_NOOP("", "Access"),
    QT_TRANSLATE_NOOP("", "Granted by"),
    QT_TRANSLATE_NOOP("", "Last sign-in"),
    QT_TRANSLATE_NOOP("", "Key joined"),  # tells two machines of one operator apart
]
ACCESS = {
    MemberState.GRANTED: QT_TRANSLATE_NOOP("", "Granted"),
    MemberState.PENDING: QT_TRANSLATE_NOOP("", "Waiting for a grant"),
    MemberState.REVOKED: QT_TRANSLATE_NOOP("", "Revoked"),
    MemberState.NOT_JOINED: QT_TRANSLATE_NOOP("", "Not joined"),
}


def _when(d) -> str:
    return d.strftime("%Y-%m-%d %H:%M") if d else ""


class AddOperatorDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "&Add operator")

    def __init__(self, services, session, parent=None):
        super().__init__(
            tr("Add operator"),
            parent,
            tr(
                "A new operator signs in with this email and password. To open the team's secrets they then run "
                "`billing-desktop team join` on their own OS account and read you their key's fingerprint."
            ),
        )
        self.services, self.session = services, session
        self.email = self.form.add("email", "&Email", QLineEdit())
        self.first_name = self.form.add("first_name", "&First name", QLineEdit())
        self.last_name = self.form.add("last_name", "&Last name", QLineEdit())
        self.password = self.form.add("password", "&Password", QLineEdit())
        self.repeat = self.form.add("repeat", "&Repeat password", QLineEdit())
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)

    def validate_locally(self) -> dict[str, str]:
        return {} if self.password.text() == self.repeat.text() else {"repeat": self.tr("The two passwords differ.")}

    def work(self):
        return self.services.users.add, (
            self.session,
            None,
            self.email.text(),
            self.password.text(),
            Role.OPERATOR.value,
            self.first_name.text(),
            self.last_name.text(),
        )


class GrantDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "&Grant access")

    def __init__(self, services, session, runner, email: str, parent=None):
        super().__init__(
            tr("Grant access to {0}").format(email),
            parent,
            tr(
                "Ask {0} to read you the fingerprint that `team join` printed on their machine, over a channel you "
                "trust (in person, by phone), and type it here. A key whose fingerprint differs is refused: it may "
                "have been put in the database by someone else."
            ).format(email),
        )
        self.services, self.session, self.runner, self.email = services, session, runner, email
        self.fingerprint = self.form.add("fingerprint", "&Fingerprint", QLineEdit())
        self.fingerprint.setPlaceholderText(self.tr("XXXX-XXXX-XXXX-XXXX"))

    def work(self):
        return self.services.team.grant, (self.session, self.email, self.fingerprint.text())

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ReauthRequired):  # granting needs the password given recently: ask, then go on
            self._task = None
            self._set_busy(busy=False)

            def answered(ok: bool) -> None:  # noqa: FBT001 - the runner passes it positionally
                if ok:
                    self._start()

            self.runner.confirm_password(self.tr("Granting access needs your password again."), answered)
            return
        super()._failed(exc)


class OperatorsDialog(QDialog):
    def __init__(self, services, session, runner, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Operators"))
        self.setObjectName("operators_dialog")
        self.services, self.session, self.runner = services, session, runner
        self.rows: list = []
        self.task = None
        v = QVBoxLayout(self)
        v.addWidget(
            note(
                self.tr(
                    "Every operator's OS keyring holds their own key; the team's secrets are sealed in the database to "
                    "each granted key. Grant only after comparing the fingerprint with the operator."
                )
            )
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("operators")
        # QT_TRANSLATE_NOOP hands back the str (its stubs say object).
        self.table.setHorizontalHeaderLabels([tr(str(c)) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        v.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add operator…"))
        self.grant_button = QPushButton(self.tr("&Grant access…"))
        self.revoke_button = QPushButton(self.tr("Re&voke access…"))
        self.revoke_key_button = QPushButton(self.tr("Revoke this &key…"))
        self.revoke_key_button.setToolTip(
            self.tr("Revoke only the selected key: one machine, e.g. a lost laptop. The operator keeps their others.")
        )
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        for name, b, slot in (
            ("add_operator", self.add_button, self.add_operator),
            ("grant", self.grant_button, self.grant),
            ("revoke", self.revoke_button, self.revoke),
            ("revoke_key", self.revoke_key_button, self.revoke_key),
            ("refresh", self.refresh_button, self.load),
        ):
            b.setObjectName(name)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.hide()
        v.addWidget(self.progress)
        self.cancel_button = QPushButton(self.tr("&Cancel re-key"))
        self.cancel_button.setObjectName("cancel_rekey")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel)
        v.addWidget(self.cancel_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        v.addWidget(close)
        self.resize(1220, 380)  # every column in view, "Key joined" included
        self._selected()
        self.load()

    # -- list ------------------------------------------------------------------------------------------------
    def load(self) -> None:
        self.runner.run(self.services.team.status, self.session, owner=self, on_done=self._fill)

    def _fill(self, rows) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for n, r in enumerate(self.rows):
            access = tr(str(ACCESS.get(r.state, r.state))) + (self.tr(" (this account)") if r.this_account else "")
            granted = f"{r.granted_by} {_when(r.granted_at)}" if r.granted_by else ""
            if r.state == MemberState.REVOKED:
                granted = self.tr("revoked by {0} {1}").format(r.revoked_by, _when(r.revoked_at))
            cells = [
                r.email,
                r.name,
                r.role,
                r.fingerprint or "—",
                access,
                granted,
                _when(r.last_sign_in),
                _when(r.joined_at),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3 and r.fingerprint:
                    item.setFont(_mono())
                item.setToolTip(text)
                self.table.setItem(n, c, item)
        self._selected()

    def _current(self):
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def _selected(self) -> None:
        r = self._current()
        busy = self.task is not None
        self.grant_button.setEnabled(not busy and r is not None and r.state == MemberState.PENDING)
        granted = {x.email for x in self.rows if x.state == MemberState.GRANTED}
        self.revoke_button.setEnabled(
            not busy
            and r is not None
            and r.state in (MemberState.GRANTED, MemberState.PENDING)
            and r.email != self.session.email
            and (len(granted - {r.email}) >= 1)
        )
        others = [
            x for x in self.rows if x.state == MemberState.GRANTED and x.fingerprint != (r.fingerprint if r else None)
        ]
        self.revoke_key_button.setEnabled(
            not busy
            and r is not None
            and r.state in (MemberState.GRANTED, MemberState.PENDING)
            and r.fingerprint is not None
            and not r.this_account
            and bool(others)
        )

    # -- actions ---------------------------------------------------------------------------------------------
    def _open(self, dialog: TaskDialog, done_text: Callable[[Any], str]) -> None:
        def accepted() -> None:
            self.status.setText(done_text(dialog.result_value))
            self.load()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def add_operator(self) -> None:
        self._open(
            AddOperatorDialog(self.services, self.session, self),
            lambda u: self.tr("Added operator {0}.").format(u.email),
        )

    def grant(self) -> None:
        r = self._current()
        if r is None:
            return
        self._open(
            GrantDialog(self.services, self.session, self.runner, r.email, self),
            lambda j: self.tr("Granted {0} (key {1}).").format(j.email, j.fingerprint),
        )

    def revoke(self) -> None:
        r = self._current()
        if r is None:
            return
        confirm(
            self,
            self.tr("Revoke access"),
            self.tr(
                "Revoke {0}'s access to the team's secrets?\n\nA new vault key is made and every secret is "
                "re-encrypted under it, sealed to the remaining operators only: {0} cannot open any secret "
                "from now on. Secrets they have already seen stay known to them — roll those keys and webhook "
                "secrets if you do not trust them."
            ).format(r.email),
            self.tr("Revoke access"),
            lambda: self._revoke(r.email),
        )

    def revoke_key(self) -> None:
        r = self._current()
        if r is None or r.fingerprint is None:
            return
        confirm(
            self,
            self.tr("Revoke this key"),
            self.tr(
                "Revoke the key {0} of {1} (joined {2})?\n\nThe machine holding this key can no longer open any "
                "secret: a new vault key is made and every secret is re-encrypted under it. {1}'s other keys keep "
                "working. Roll the secrets that machine may have exposed."
            ).format(r.fingerprint, r.email, _when(r.joined_at)),
            self.tr("Revoke this key"),
            lambda: self._revoke(r.email, r.fingerprint),
        )

    def _revoke(self, email: str, fingerprint: str | None = None) -> None:
        team = self.services.team

        def work(session, email, progress, cancelled):
            report = lambda done, total: progress(done, str(total))  # noqa: E731
            if fingerprint is not None:
                return team.revoke_key(session, fingerprint, progress=report, cancelled=cancelled).secrets_rekeyed
            return team.revoke(session, email, progress=report, cancelled=cancelled)

        what = self.tr("{0}'s key {1}").format(email, fingerprint) if fingerprint else email
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText(self.tr("Re-keying every secret to revoke {0}…").format(what))
        self.task = submit_with_progress(
            work,
            self.session,
            email,
            owner=self,
            on_progress=self._progress,
            on_done=lambda count: self._revoked(what, count),
            on_error=lambda exc: self._revoke_failed(email, exc, fingerprint),
        )
        self._selected()

    def _progress(self, done: int, total: str) -> None:
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(done)
        self.status.setText(self.tr("Re-keying: {0:,} of {1:,} secrets…").format(done, int(total)))

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling: nothing changes until the re-key commits…"))

    def _finish(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self._selected()

    def _revoked(self, email: str, count: int) -> None:
        self._finish()
        self.status.setText(
            self.tr("Revoked {0}; {1:,} secrets re-encrypted under a new vault key.").format(email, count)
        )
        self.load()

    def _revoke_failed(self, email: str, exc: Exception, fingerprint: str | None = None) -> None:
        self._finish()
        if isinstance(exc, ReauthRequired):

            def answered(ok: bool) -> None:  # noqa: FBT001 - the runner passes it positionally
                if ok:
                    self._revoke(email, fingerprint)

            self.runner.confirm_password(self.tr("Revoking access needs your password again."), answered)
            return
        self.status.setText(describe(exc))


def _mono():
    from PySide6.QtGui import QFontDatabase

    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
