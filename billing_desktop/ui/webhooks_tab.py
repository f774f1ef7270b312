"""Webhooks tab: endpoint configuration and signing secrets (ui/webhook_secrets.py); sub-tabs for test deliveries,
the log and the inbox."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.domain.webhooks import EVENT_TYPES
from billing_desktop.errors import ValidationError
from billing_desktop.services.tenants import TenantRow
from billing_desktop.services.webhooks import WebhookConfig
from billing_desktop.ui.elided import ElidedLabel
from billing_desktop.ui.empty_state import InlineHint
from billing_desktop.ui.flow_layout import FlowLayout
from billing_desktop.ui.forms import Form, confirm, message_label
from billing_desktop.ui.palette import STATUS_MESSAGE_MS
from billing_desktop.ui.runner import ServiceRunner
from billing_desktop.ui.webhook_secrets import SecretsPanel
from billing_desktop.ui.workers import describe

FieldTexts = tuple[str, tuple[str, ...], str, object, bool, bool]


class WebhooksTab(QWidget):
    def __init__(self, runner: ServiceRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.services, self.session = runner.services, runner.session
        self.tenant: TenantRow | None = None
        self.config: WebhookConfig | None = None
        self._snapshot: FieldTexts | None = None
        self._on_saved: Callable[[], None] | None = None
        self._loaded_config = False  # the stored configuration (or its absence) has arrived
        outer = QVBoxLayout(self)
        self.heading = ElidedLabel(heading=True)
        outer.addWidget(self.heading)
        self.inner = QTabWidget()
        outer.addWidget(self.inner)
        page = QWidget()
        v = QVBoxLayout(page)
        layout = QFormLayout()
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: labels above their fields
        v.addLayout(layout)
        f = self.form = Form(layout)
        self.none_hint = InlineHint("webhook_none_hint")
        v.insertWidget(0, self.none_hint)
        self.url = f.add("url", self.tr("Endpoint &URL:"), QLineEdit())
        self.url.setPlaceholderText(self.tr("https://example.com/webhooks/billing"))
        self.all_events = QCheckBox(self.tr("All event types"))
        self.events = QListWidget()
        self.all_events.toggled.connect(lambda on: self.events.setEnabled(not on))
        self.events.setMaximumHeight(120)
        for t in EVENT_TYPES:
            item = QListWidgetItem(t)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.events.addItem(item)
        box = QWidget()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.all_events)
        bl.addWidget(self.events)
        f.add("event_types", self.tr("&Events:"), box)
        self.description = f.add("description", self.tr("&Description:"), QLineEdit())
        self.scheme = f.add("scheme", self.tr("Signature &scheme:"), QComboBox())
        self.scheme.addItem(self.tr("Stripe style (X-Webhook-Signature: t=…,v1=…)"), "stripe")
        self.scheme.addItem(self.tr("Standard Webhooks (webhook-id / -timestamp / -signature)"), "standard")
        self.scheme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scheme.setMinimumContentsLength(12)  # elided rather than wider than a small screen
        self.enabled = f.add("enabled", "", QCheckBox(self.tr("&Enabled")))
        self.allow_private = f.add(
            "allow_private", "", QCheckBox(self.tr("Allow &private addresses")), hint=self.tr("Test mode only.")
        )
        self.message = message_label()
        v.addWidget(self.message)
        row = FlowLayout()  # buttons wrap instead of widening the page
        self.save_button = QPushButton(self.tr("&Save endpoint"))
        self.save_button.setObjectName("save_webhook")
        self.save_button.clicked.connect(lambda: self.save())
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setObjectName("remove_webhook")
        self.remove_button.clicked.connect(self.remove)
        row.add(self.save_button, self.remove_button)
        v.addLayout(row)
        panel = self.secrets_panel = SecretsPanel(runner)
        panel.rolled.connect(self._rolled)
        panel.failed.connect(self._failed)
        panel.status.connect(self._status)
        panel.overlap_ended.connect(self._overlap_ended)
        v.addWidget(panel)
        # The panel's widgets by the names tests and scripts/screenshots.py use.
        self.secrets, self.secrets_summary, self.roll_button = panel.secrets, panel.summary, panel.roll_button
        v.addStretch(1)
        self.inner.addTab(page, self.tr("Endpoint"))
        from billing_desktop.ui.webhook_panels import InboxPanel, TestPanel

        self.test_panel = TestPanel(runner)
        self.inner.addTab(self.test_panel, self.tr("Test && log"))
        self.inbox_panel = InboxPanel(runner, self)
        self.inner.addTab(self.inbox_panel, self.tr("Local inbox"))
        self.can_manage = allows(self.session.role, Perm.WEBHOOKS_MANAGE)
        for w in (self.save_button, self.remove_button, *panel.buttons()):
            w.setVisible(self.can_manage)
        self.set_tenant(None)

    # -- data --------------------------------------------------------------------------------------------------
    def set_tenant(self, tenant: TenantRow | None) -> None:
        self.tenant = tenant
        self.setEnabled(tenant is not None)
        self.heading.setText(
            self.tr("Webhooks — {0}").format(tenant.company_name) if tenant else self.tr("No tenant selected")
        )
        self.test_panel.set_tenant(tenant)
        self.inbox_panel.set_tenant(tenant)
        self.show_config(None, loaded=False)
        if tenant is not None and self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.load()

    def _fields(self) -> tuple[QWidget, ...]:
        return (
            self.url,
            self.all_events,
            self.events,
            self.description,
            self.scheme,
            self.enabled,
            self.allow_private,
            self.save_button,
        )

    def _editable(self, *, on: bool) -> None:
        for w in self._fields():
            w.setEnabled(on)

    def load(self) -> None:
        if self.tenant is None or self.has_unsaved_changes():
            return  # coming back to the tab must not overwrite what the user typed
        # Nothing can be typed until the stored configuration has arrived, so it cannot overwrite an edit.
        self._editable(on=False)
        tenant_id = self.tenant.id

        def loaded(cfg: WebhookConfig | None) -> None:
            if self.tenant is not None and self.tenant.id == tenant_id:
                self.show_config(cfg)

        self.runner.run(self.services.webhooks.get, self.session, tenant_id, owner=self, on_done=loaded)

    def show_config(self, cfg: WebhookConfig | None, *, loaded: bool = True) -> None:
        self.config = cfg
        self._loaded_config = loaded
        if cfg is None and loaded and self.tenant is not None:
            self.none_hint.show_hint(
                self.tr(
                    "No webhook endpoint yet. Enter the address that should receive the events of {0} and save; "
                    "to try it on this computer first, use the Local inbox tab."
                ).format(self.tenant.company_name)
                if self.can_manage
                else self.tr("No webhook endpoint is configured for {0}.").format(self.tenant.company_name)
            )
        else:
            self.none_hint.hide()
        self.form.clear_errors()
        self.message.hide()
        everything = cfg is None or "*" in cfg.event_types
        self.url.setText(cfg.url if cfg else "")
        self.all_events.setChecked(everything)
        for i in range(self.events.count()):
            item = self.events.item(i)
            on = cfg is not None and item.text() in cfg.event_types
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.description.setText(cfg.description if cfg else "")
        self.scheme.setCurrentIndex(self.scheme.findData(cfg.scheme if cfg else "stripe"))
        self.enabled.setChecked(cfg.enabled if cfg else True)
        self.allow_private.setChecked(cfg.allow_private if cfg else False)
        self.secrets_panel.show_secrets(self.tenant, cfg)
        self.remove_button.setEnabled(cfg is not None)
        for field in self._fields():
            field.setEnabled(self.can_manage and (field is not self.events or not self.all_events.isChecked()))
        self._snapshot = self._field_texts()

    # -- unsaved edits -------------------------------------------------------------------------------------------
    def _field_texts(self) -> FieldTexts:
        return (
            self.url.text(),
            tuple(self.chosen_events()),
            self.description.text(),
            self.scheme.currentData(),
            self.enabled.isChecked(),
            self.allow_private.isChecked(),
        )

    def has_unsaved_changes(self) -> bool:
        return (
            self.tenant is not None
            and self.can_manage
            and self._loaded_config
            and self._field_texts() != self._snapshot
        )

    def unsaved_what(self) -> str:
        return self.tr("the webhook endpoint of {0}").format(self.tenant.company_name if self.tenant else "")

    def discard_changes(self) -> None:
        self.show_config(self.config)

    def save_changes(self, on_saved: Callable[[], None]) -> None:
        self.save(on_saved=on_saved)

    def chosen_events(self) -> list[str]:
        if self.all_events.isChecked():
            return ["*"]
        return [
            self.events.item(i).text()
            for i in range(self.events.count())
            if self.events.item(i).checkState() == Qt.CheckState.Checked
        ]

    # -- actions -------------------------------------------------------------------------------------------------
    def save(self, on_saved: Callable[[], None] | None = None) -> None:
        if self.tenant is None:
            return
        self.form.clear_errors()
        self.message.hide()
        self._on_saved = on_saved
        self.runner.run(
            functools.partial(
                self.services.webhooks.save,
                enabled=self.enabled.isChecked(),
                scheme=self.scheme.currentData(),
                allow_private=self.allow_private.isChecked(),
            ),
            self.session,
            self.tenant.id,
            self.url.text(),
            self.chosen_events(),
            self.description.text(),
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _status(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):  # the tab outside a main window (a test) has no status bar
            window.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _saved(self, cfg: WebhookConfig) -> None:
        self.show_config(cfg)
        self._status(self.tr("Webhook endpoint saved."))
        then, self._on_saved = self._on_saved, None
        if then is not None:
            then()

    def _failed(self, exc: Exception) -> None:
        self._on_saved = None
        if isinstance(exc, ValidationError):
            self.form.show_errors(exc.fields, self.message)
        else:
            self.message.setText(describe(exc))
            self.message.show()

    def _overlap_ended(self) -> None:
        if self.isVisible():  # hidden, the next showEvent loads
            self.load()

    def _rolled(self, cfg: WebhookConfig) -> None:
        self.show_config(cfg)
        self._status(self.tr("Signing secret rolled."))

    def remove(self) -> None:
        tenant = self.tenant
        if tenant is None:
            return
        confirm(
            self,
            self.tr("Remove webhook endpoint"),
            self.tr("Remove the webhook endpoint of {0}?\n\nIts signing secrets are deleted; deliveries stop.").format(
                tenant.company_name
            ),
            self.tr("Remove"),
            lambda: self.runner.run(
                self.services.webhooks.remove,
                self.session,
                tenant.id,
                owner=self,
                reason=self.tr("Removing a webhook endpoint needs your password again."),
                on_done=lambda _: self.show_config(None),
                on_error=self._failed,
            ),
        )
