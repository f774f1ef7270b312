"""Overview tab: every tenant field (editable by owners and operators), deactivate, and the tenant's users."""

from __future__ import annotations

import functools
import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.domain.validation import Mode, Tier, parse_json_object
from billing_desktop.errors import ValidationError
from billing_desktop.ui.elided import ElidedLabel
from billing_desktop.ui.flow_layout import FlowLayout
from billing_desktop.ui.forms import Form, confirm, message_label
from billing_desktop.ui.palette import notice_banner_style
from billing_desktop.ui.tenant_dialogs import AddUserDialog, choice_box


class OverviewTab(QWidget):
    tenant_changed = Signal(object)  # TenantDetails after a save or (de)activation

    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.services, self.session = runner.services, runner.session
        self.details = None
        self.can_edit = False
        self._snapshot: tuple = ()  # the fields as last shown: anything else is an unsaved edit
        self._on_saved = None  # what to do after the save in flight (e.g. switch to the tenant the user chose)
        v = QVBoxLayout(self)
        self.heading = ElidedLabel(self.tr("No tenant selected"), heading=True)
        v.addWidget(self.heading)
        form_layout = QFormLayout()
        form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: labels above their fields
        v.addLayout(form_layout)
        f = self.form = Form(form_layout)
        self.company = f.add("company_name", self.tr("&Company name:"), QLineEdit())
        self.slug = f.add("slug", self.tr("Slug:"), QLabel())
        self.email = f.add("email", self.tr("&Email:"), QLineEdit())
        self.domain = f.add("domain", self.tr("&Domain:"), QLineEdit())
        self.tier = f.add("tier", self.tr("&Tier:"), choice_box(Tier))
        self.fee = f.add("platform_fee_percent", self.tr("Platform &fee %:"), QLineEdit())
        self.mode = f.add("mode", self.tr("&Mode:"), choice_box(Mode))
        self.branding = f.add("branding", self.tr("&Branding (JSON):"), QPlainTextEdit())
        self.metadata = f.add("metadata", self.tr("Me&tadata (JSON):"), QPlainTextEdit())
        for box in (self.branding, self.metadata):
            box.setMaximumHeight(60)
            box.setTabChangesFocus(True)
        self.status = f.add("status", self.tr("Status:"), QLabel())
        self.times = f.add("times", self.tr("Created / updated:"), QLabel())
        self.message = message_label()
        v.addWidget(self.message)
        self.banner = ConflictBanner(self)
        self.banner.load_theirs.connect(lambda: self.show_details(self.banner.theirs))
        self.banner.keep_mine.connect(self._keep_mine)
        v.addWidget(self.banner)
        row = FlowLayout()  # wraps on a narrow screen instead of scrolling sideways
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.save_button.setObjectName("save_tenant")
        self.save_button.setToolTip(self.tr("Save changes (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.revert_button.clicked.connect(self.discard_changes)
        self.active_button = QPushButton(self.tr("Deactivate tenant…"))
        self.active_button.setObjectName("toggle_active")
        self.active_button.clicked.connect(self.toggle_active)
        row.add(self.save_button, self.revert_button, self.active_button)
        v.addLayout(row)
        v.addWidget(QLabel(self.tr("<b>Users</b>")))
        self.users = QTableWidget(0, 4)
        self.users.setObjectName("users")
        self.users.setAccessibleName(self.tr("Users of this tenant"))
        self.users.setHorizontalHeaderLabels(
            [self.tr("Email"), self.tr("Name"), self.tr("Role"), self.tr("Last sign-in")]
        )
        self.users.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((240, 160, 90)):
            self.users.setColumnWidth(column, width)
        self.users.verticalHeader().hide()
        v.addWidget(self.users, 1)
        self.add_user_button = QPushButton(self.tr("&Add user…"))
        self.add_user_button.setObjectName("add_user")
        self.add_user_button.clicked.connect(self.add_user)
        v.addWidget(self.add_user_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setEnabled(False)

    # -- showing ---------------------------------------------------------------------------------------------
    def show_details(self, d) -> None:
        self.details = d
        self.form.clear_errors()
        self.message.hide()
        self.banner.hide()
        self.setEnabled(d is not None)
        if d is None:
            self.heading.setText(self.tr("No tenant selected"))
            return
        self.heading.setText(d.company_name)
        self.company.setText(d.company_name)
        self.slug.setText(d.slug)
        self.email.setText(d.email)
        self.domain.setText(d.domain)
        self.tier.setCurrentIndex(self.tier.findData(d.tier))
        self.fee.setText(str(d.platform_fee_percent))
        self.mode.setCurrentIndex(self.mode.findData(d.mode))
        self.branding.setPlainText(json.dumps(d.branding, indent=1) if d.branding else "{}")
        self.metadata.setPlainText(json.dumps(d.metadata, indent=1) if d.metadata else "{}")
        self.status.setText(self.tr("Active") if d.active else self.tr("Deactivated"))
        self.times.setText(f"{d.created_at:%Y-%m-%d %H:%M} UTC / {d.updated_at:%Y-%m-%d %H:%M} UTC")
        can_edit = self.can_edit = allows(self.session.role, Perm.TENANT_EDIT)
        for w in (self.company, self.email, self.domain, self.tier, self.fee, self.mode, self.branding, self.metadata):
            w.setEnabled(can_edit)
        terms = allows(self.session.role, Perm.TENANT_TERMS)
        for w in (self.tier, self.fee):  # agreed with the platform: shown to the tenant's users, not theirs to change
            w.setEnabled(can_edit and terms)
            w.setToolTip("" if terms else self.tr("Set by the platform's operators."))
        self.save_button.setVisible(can_edit)
        self.revert_button.setVisible(can_edit)
        can_toggle = allows(self.session.role, Perm.TENANT_DEACTIVATE) and (d.active or self.session.is_operator)
        self.active_button.setVisible(can_toggle)
        self.active_button.setText(self.tr("Deactivate tenant…") if d.active else self.tr("Reactivate tenant"))
        self.add_user_button.setVisible(allows(self.session.role, Perm.USERS_MANAGE))
        self._snapshot = self._field_texts()
        self.load_users()

    # -- unsaved edits -------------------------------------------------------------------------------------------
    def _field_texts(self) -> tuple:
        return (
            self.company.text(),
            self.email.text(),
            self.domain.text(),
            self.tier.currentData(),
            self.fee.text(),
            self.mode.currentData(),
            self.branding.toPlainText(),
            self.metadata.toPlainText(),
        )

    def has_unsaved_changes(self) -> bool:
        return self.details is not None and self.can_edit and self._field_texts() != self._snapshot

    def unsaved_what(self) -> str:
        return self.tr("the Overview of {0}").format(self.details.company_name if self.details else "")

    def discard_changes(self) -> None:
        self.show_details(self.details)

    def save_changes(self, on_saved) -> None:
        """Save, then `on_saved()` once it worked; on an error the user stays here to fix it."""
        self.save(on_saved=on_saved)

    def load_users(self) -> None:
        if self.details is None:
            return
        tenant_id = self.details.id
        self.runner.run(
            self.services.users.list,
            self.session,
            tenant_id,
            owner=self,
            on_done=lambda rows: self._fill_users(tenant_id, rows),
        )

    def _fill_users(self, tenant_id: int, rows) -> None:
        if self.details is None or self.details.id != tenant_id:
            return  # the selection moved on while this was loading
        self.users.setRowCount(len(rows))
        for n, u in enumerate(rows):
            name = f"{u.first_name} {u.last_name}".strip()
            last = f"{u.last_sign_in:%Y-%m-%d %H:%M}" if u.last_sign_in else "never"
            for c, text in enumerate([u.email, name, u.role, last]):
                self.users.setItem(n, c, QTableWidgetItem(text))

    # -- actions ---------------------------------------------------------------------------------------------
    def _json(self, box: QPlainTextEdit, name: str, errors: dict):
        try:  # the same reading as the CLI's: NaN/Infinity and deep nesting are refused next to the field
            return parse_json_object(box.toPlainText().strip() or "{}", name)
        except ValidationError as exc:
            errors.update(exc.fields)
            return None

    def save(self, on_saved=None) -> None:
        if self.details is None or not self.can_edit:
            return
        errors: dict[str, str] = {}
        changes = {
            "company_name": self.company.text(),
            "email": self.email.text(),
            "domain": self.domain.text(),
            "tier": self.tier.currentData(),
            "platform_fee_percent": self.fee.text(),
            "mode": self.mode.currentData(),
            "branding": self._json(self.branding, "branding", errors),
            "metadata": self._json(self.metadata, "metadata", errors),
        }
        if errors:
            self.form.show_errors(errors, self.message)
            return
        self.form.clear_errors()
        self.message.hide()
        d = self.details
        if changes["mode"] == Mode.LIVE.value and d.mode != Mode.LIVE.value:
            confirm(
                self,
                self.tr("Switch to live mode"),
                self.tr(
                    "Switch {0} ({1}) to LIVE mode?\n\nIts live API keys, Stripe account and webhooks then act on "
                    "real customers and real money. You are asked for your password unless you gave it in the last "
                    "few minutes."
                ).format(d.company_name, d.slug),
                self.tr("Switch to live"),
                lambda: self._send(changes, on_saved),
            )
            return
        self._send(changes, on_saved)

    def _send(self, changes: dict, on_saved) -> None:
        if self.details is None:  # the tenant went away while a question was open
            return
        self._on_saved = on_saved
        self.save_button.setEnabled(False)
        self.runner.run(
            self.services.tenants.update,
            self.session,
            self.details.id,
            changes,
            self.details.version,  # refused if someone saved since this form was filled
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
            reason=self.tr("Switching a tenant to live mode needs your password again."),
        )

    # -- someone else changed it ---------------------------------------------------------------------------------
    def remote_update(self, d, actor: str = "") -> None:
        """The open tenant as another operator just saved it: shown at once unless the form holds edits, which
        stay, with a banner offering their version."""
        if self.details is None or d.id != self.details.id or d.version <= self.details.version:
            return
        if self.has_unsaved_changes():
            self.banner.show_conflict(d, actor)
        else:
            self.show_details(d)

    def _keep_mine(self) -> None:
        # The operator has seen their change and keeps the form's text: the next save goes over their version.
        self.details = self.banner.theirs
        self.banner.hide()
        self.message.setText(self.tr("Your edits are kept. Save changes puts them over the other operator's version."))
        self.message.show()

    def _saved(self, d) -> None:
        self.save_button.setEnabled(True)
        self.show_details(d)
        self.tenant_changed.emit(d)
        then, self._on_saved = self._on_saved, None
        if then is not None:
            then()

    def _failed(self, exc: Exception) -> None:
        from billing_desktop.errors import Conflict
        from billing_desktop.ui.workers import describe

        self.save_button.setEnabled(True)
        self._on_saved = None
        if isinstance(exc, Conflict) and self.details is not None:
            tenant_id, who = self.details.id, exc.changed_by or ""
            self.runner.run(
                self.services.tenants.get,
                self.session,
                tenant_id,
                owner=self,
                on_done=lambda d: self._conflicted(d, who),
            )
        elif isinstance(exc, ValidationError):
            self.form.show_errors(exc.fields, self.message)
        else:
            self.message.setText(describe(exc))
            self.message.show()

    def _conflicted(self, d, who: str) -> None:
        if self.details is not None and d.id == self.details.id:  # still the tenant the refused save was for
            self.banner.show_conflict(d, who)
            # Say that this click was refused: under a banner already shown, nothing else on screen changes.
            self.message.setText(
                self.tr(
                    "Not saved: {0} saved this tenant after you opened it. Load their version, or keep your edits "
                    "and save again."
                ).format(self.banner.who or self.tr("another operator"))
            )
            self.message.show()

    def toggle_active(self) -> None:
        d = self.details
        if d is None:
            return
        activate = not d.active
        if activate:
            self._set_active(active=True)
            return
        confirm(
            self,
            self.tr("Deactivate tenant"),
            self.tr(
                "Deactivate {0} ({1})?\n\nIts users can no longer sign in. A platform operator can reactivate it."
            ).format(d.company_name, d.slug),
            self.tr("Deactivate"),
            lambda: self._set_active(active=False),
        )

    def _set_active(self, *, active: bool) -> None:
        d = self.details
        if d is None:
            return
        self.runner.run(
            functools.partial(self.services.tenants.set_active, active=active),
            self.session,
            d.id,
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
            reason=self.tr("Deactivating {0} needs your password again.").format(d.company_name),
        )

    def add_user(self) -> None:
        if self.details is None:
            return
        dialog = AddUserDialog(self.services, self.session, self.details.id, self.details.company_name, self)
        dialog.accepted.connect(self.load_users)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class ConflictBanner(QFrame):
    """Someone saved this tenant after the form was filled: who and when, and a choice. The form's text stays."""

    load_theirs = Signal()
    keep_mine = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("conflict_banner")
        self.setStyleSheet(notice_banner_style("conflict_banner"))
        self.theirs, self.who = None, ""
        v = QVBoxLayout(self)  # text above the buttons: the banner fits the narrowest tab
        self.text = QLabel()
        self.text.setWordWrap(True)
        v.addWidget(self.text)
        h = QHBoxLayout()
        v.addLayout(h)
        self.load_button = QPushButton(self.tr("&Load their version"))
        self.load_button.setObjectName("conflict_load")
        self.load_button.setToolTip(self.tr("Replace the form with what is saved now (your edits are dropped)"))
        self.load_button.clicked.connect(self.load_theirs)
        self.keep_button = QPushButton(self.tr("&Keep my edits"))
        self.keep_button.setObjectName("conflict_keep")
        self.keep_button.setToolTip(self.tr("Keep the form as it is; Save then puts your edits over theirs"))
        self.keep_button.clicked.connect(self.keep_mine)
        h.addWidget(self.load_button)
        h.addWidget(self.keep_button)
        h.addStretch(1)
        self.hide()

    def show_conflict(self, theirs, who: str = "") -> None:
        if not who and self.isVisible() and self.theirs is not None and self.theirs.version == theirs.version:
            who = self.who  # the same change heard twice (list reload and live refresh): keep the name
        self.theirs, self.who = theirs, who
        when = f"{theirs.updated_at:%Y-%m-%d %H:%M:%S} UTC"
        self.text.setText(
            self.tr(
                "<b>{0} was changed by {1}</b> at {2}, after you opened it. Your edits are still in the form."
            ).format(_esc(theirs.company_name), _esc(who or self.tr("another operator")), when)
        )
        self.show()


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
