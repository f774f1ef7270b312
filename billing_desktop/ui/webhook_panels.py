"""Webhooks sub-tabs: test delivery with the delivery log (Resend, automatic retries), and the local inbox."""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.domain.states import DeliveryOutcome
from billing_desktop.domain.webhooks import EVENT_TYPES
from billing_desktop.services import webhook_inbox
from billing_desktop.ui.flow_layout import FlowLayout
from billing_desktop.ui.forms import message_label, note
from billing_desktop.ui.i18n import text as message_text
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.workers import describe, submit, submit_with_progress

# How an attempt ended, in the operator's language (the log stores the enum's value).
OUTCOME_WORDS: dict[str, object] = {  # QT_TRANSLATE_NOOP is typed `object`
    DeliveryOutcome.OK.value: QT_TRANSLATE_NOOP("", "Delivered"),
    DeliveryOutcome.HTTP_ERROR.value: QT_TRANSLATE_NOOP("", "HTTP error"),
    DeliveryOutcome.REDIRECT.value: QT_TRANSLATE_NOOP("", "Redirect (not followed)"),
    DeliveryOutcome.TIMEOUT.value: QT_TRANSLATE_NOOP("", "Timed out"),
    DeliveryOutcome.CONNECT_ERROR.value: QT_TRANSLATE_NOOP("", "Could not connect"),
    DeliveryOutcome.NETWORK_ERROR.value: QT_TRANSLATE_NOOP("", "Network error"),
}


def outcome_text(outcome: str) -> str:
    """An unknown value (a newer version's outcome in a shared database) shows as it is, never a crash."""
    words = OUTCOME_WORDS.get(str(outcome))
    return tr(str(words)) if words else str(outcome)


def describe_delivery(r) -> str:
    lines = [
        tr("Result: {0}  status {1}  latency {2} ms  attempt {3}").format(
            outcome_text(r.outcome), r.status_code or "-", r.latency_ms, r.attempt
        )
    ]
    if r.error:
        lines.append(tr("Error: {0}").format(message_text(r.error)))
    lines.append("\n" + tr("Response headers:"))
    lines += [f"  {k}: {v}" for k, v in r.response_headers.items()] or ["  " + tr("(none)")]
    lines.append("\n" + tr("Response body (first 4 KB):"))
    lines.append(r.response_excerpt or "  " + tr("(empty)"))
    lines.append("\n" + tr("Request sent:") + f"\nPOST {r.url}")
    lines += [f"{k}: {v}" for k, v in r.request_headers.items()]
    lines.append("")
    lines.append(r.body)
    return "\n".join(lines)


class TestPanel(QWidget):
    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.services, self.session = runner.services, runner.session
        self.tenant = None
        self.rows = []
        self.retry_task = None
        self._loaded_for = None  # the tenant whose sample and log are shown
        v = QVBoxLayout(self)
        top = FlowLayout()  # wraps on a narrow screen instead of scrolling sideways
        self.event_type = QComboBox()
        self.event_type.setObjectName("test_event_type")
        self.event_type.setAccessibleName(self.tr("Event type"))
        self.event_type.addItems(EVENT_TYPES)
        self.event_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event_type.setMinimumContentsLength(16)
        self.event_type.currentTextChanged.connect(self.fill_sample)
        self.send_button = QPushButton(self.tr("Se&nd test delivery"))
        self.send_button.setObjectName("send_test")
        self.send_button.clicked.connect(self.send)
        top.add(QLabel(self.tr("Event type:")), self.event_type, self.send_button)
        v.addLayout(top)
        split = QSplitter()
        self.payload = QPlainTextEdit()
        self.payload.setObjectName("payload")
        self.payload.setAccessibleName(self.tr("Payload (JSON)"))
        self.result = QPlainTextEdit()
        self.result.setObjectName("delivery_result")
        self.result.setReadOnly(True)
        self.result.setAccessibleName(self.tr("Delivery result"))
        split.addWidget(self.payload)
        split.addWidget(self.result)
        v.addWidget(split, 2)
        self.message = message_label()
        v.addWidget(self.message)
        log_bar = FlowLayout()
        log_bar.add(QLabel(self.tr("<b>Delivery log</b>")))
        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Log filter"))
        for label, value in (
            (self.tr("All"), None),
            (self.tr("Failed"), "failed"),
            (self.tr("Delivered"), DeliveryOutcome.OK.value),
        ):
            self.filter.addItem(label, value)
        self.filter.currentIndexChanged.connect(self.load_log)
        log_bar.add(self.filter)
        self.resend_button = QPushButton(self.tr("&Resend"))
        self.resend_button.setObjectName("resend")
        self.resend_button.clicked.connect(self.resend)
        self.retry_button = QPushButton(self.tr("Retry &automatically"))
        self.retry_button.setObjectName("retry_auto")
        self.retry_button.setToolTip(
            self.tr("Resend after 5 s, 30 s, 2 min and 10 min (or as Retry-After asks) until it works")
        )
        self.retry_button.clicked.connect(self.retry)
        self.cancel_retry = QPushButton(self.tr("Cancel retries"))
        self.cancel_retry.setEnabled(False)
        self.cancel_retry.clicked.connect(lambda: self.retry_task and self.retry_task.cancel())
        log_bar.add(self.resend_button, self.retry_button, self.cancel_retry)
        v.addLayout(log_bar)
        self.retry_status = QLabel()
        self.retry_status.hide()
        v.addWidget(self.retry_status)
        self.log = QTableWidget(0, 6)
        self.log.setObjectName("delivery_log")
        self.log.setHorizontalHeaderLabels(
            [
                self.tr("Time (UTC)"),
                self.tr("Event"),
                self.tr("Outcome"),
                self.tr("Status"),
                self.tr("Latency"),
                self.tr("Attempt"),
            ]
        )
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.horizontalHeader().setStretchLastSection(True)
        self.log.itemSelectionChanged.connect(self._show_selected)
        v.addWidget(self.log, 1)

    def set_tenant(self, tenant) -> None:
        self.tenant = tenant
        self.result.clear()
        self.rows = []
        self.log.setRowCount(0)
        self._loaded_for = None
        if tenant is not None and self.isVisible():
            self.showEvent(None)

    def showEvent(self, event) -> None:  # noqa: N802 - load when first looked at, not on every selection
        if event is not None:
            super().showEvent(event)
        if self.tenant is not None and self._loaded_for != self.tenant.id:
            self._loaded_for = self.tenant.id
            self.fill_sample()
            self.load_log()

    def fill_sample(self, *_):
        if self.tenant is None:
            return
        event_type = self.event_type.currentText()

        def show(sample: str) -> None:
            if self.event_type.currentText() == event_type:  # an older answer must not replace a newer choice
                self.payload.setPlainText(sample)

        self.runner.run(
            self.services.deliveries.sample_payload, self.session, self.tenant.id, event_type, owner=self, on_done=show
        )

    def send(self) -> None:
        if self.tenant is None:  # the button is only enabled with a tenant shown
            return
        self.message.hide()
        self.send_button.setEnabled(False)
        self.runner.run(
            self.services.deliveries.send_test,
            self.session,
            self.tenant.id,
            self.event_type.currentText(),
            self.payload.toPlainText(),
            owner=self,
            on_done=self._sent,
            on_error=self._failed,
        )

    def _sent(self, r) -> None:
        self.send_button.setEnabled(True)
        self.result.setPlainText(describe_delivery(r))
        self.load_log()

    def _failed(self, exc: Exception) -> None:
        self.send_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()

    def load_log(self, *_):
        if self.tenant is None:
            return
        self.runner.run(
            self.services.deliveries.list,
            self.session,
            self.tenant.id,
            self.filter.currentData(),
            owner=self,
            on_done=self._fill_log,
        )

    def _fill_log(self, rows) -> None:
        self.rows = rows
        self.log.setRowCount(len(rows))
        for n, r in enumerate(rows):
            for c, text in enumerate(
                [
                    f"{r.at:%Y-%m-%d %H:%M:%S}",
                    r.event_type,
                    outcome_text(r.outcome),
                    str(r.status_code or "-"),
                    f"{r.latency_ms} ms",
                    str(r.attempt),
                ]
            ):
                self.log.setItem(n, c, QTableWidgetItem(text))

    def selected(self):
        i = self.log.currentRow()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def _show_selected(self) -> None:
        r = self.selected()
        if r is not None:
            self.result.setPlainText(describe_delivery(r))

    def resend(self) -> None:
        r = self.selected()
        if r is not None:
            self.runner.run(
                self.services.deliveries.resend,
                self.session,
                r.id,
                owner=self,
                on_done=self._sent,
                on_error=self._failed,
            )

    def retry(self) -> None:
        r = self.selected()
        if r is None or self.retry_task is not None:
            return
        self.retry_button.setEnabled(False)
        self.cancel_retry.setEnabled(True)

        def finish(result=None, error=None):
            self.retry_task = None
            self.retry_button.setEnabled(True)
            self.cancel_retry.setEnabled(False)
            self._retry_note(
                describe(error) if error else self.tr("Last attempt: {0}").format(outcome_text(result.outcome))
            )
            if result is not None:
                self._sent(result)

        self.retry_task = submit_with_progress(
            lambda *a, progress, cancelled: self.services.deliveries.retry_until_delivered(
                self.session, r.id, progress=progress, cancelled=cancelled
            ),
            owner=self,
            on_progress=lambda n, text: self._retry_note(text),
            on_done=lambda res: finish(result=res),
            on_error=lambda exc: finish(error=exc),
        )

    def _retry_note(self, note: str) -> None:
        self.retry_status.setText(message_text(note))  # the service's progress lines are msg()s
        self.retry_status.setVisible(bool(note))


class _Bridge(QObject):
    received = Signal(object)


class InboxPanel(QWidget):
    """Start a receiver on 127.0.0.1 and watch deliveries arrive, each with its verification verdict."""

    def __init__(self, runner, tab, parent=None):
        super().__init__(parent)
        self.runner, self.tab = runner, tab
        self.services, self.session = runner.services, runner.session
        self.tenant = None
        self.inbox = None
        self.bridge = _Bridge(self)  # the inbox's server thread hands deliveries to the GUI thread
        self.bridge.received.connect(self._add)
        v = QVBoxLayout(self)
        v.addWidget(
            note(
                self.tr(
                    "A receiver on this computer, for trying the whole flow with no internet. Start it, use "
                    "its address as the endpoint URL (with private addresses allowed, test mode), and send."
                )
            )
        )
        row = FlowLayout()  # the address, then the buttons, wrapping on a narrow screen
        self.start_button = QPushButton(self.tr("S&tart inbox"))
        self.start_button.setObjectName("start_inbox")
        self.start_button.clicked.connect(self.toggle)
        self.address = QLineEdit()
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Inbox address"))
        self.use_button = QPushButton(self.tr("&Use as endpoint URL"))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.use)
        self.address.setMinimumWidth(self.address.fontMetrics().horizontalAdvance("http://127.0.0.1:65535/"))
        row.add(self.start_button, self.address, self.use_button)
        v.addLayout(row)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("inbox_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time (UTC)"), self.tr("Event"), self.tr("Signature"), self.tr("Why")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.table, 1)

    def set_tenant(self, tenant) -> None:
        self.stop()
        self.tenant = tenant
        self.table.setRowCount(0)

    def toggle(self) -> None:
        if self.inbox is not None:
            self.stop()
            return
        if self.tenant is None:  # the button is only enabled with a tenant shown
            return
        tenant_id, webhooks, session = self.tenant.id, self.services.webhooks, self.session
        events, emit = self.services.connect_events, self.bridge.received.emit

        def received(item) -> None:  # on the inbox's thread: Connect events refresh the Stripe cache first
            events.received(session, tenant_id, item)
            emit(item)

        self.start_button.setEnabled(False)  # until the inbox is listening (or refused)
        submit(
            lambda: webhooks.open_inbox(session, tenant_id, on_receive=received),
            owner=self,
            on_done=lambda inbox: self._started(inbox, tenant_id),
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.start_button.setEnabled(True)
        self.address.setText(describe(exc))

    def _started(self, inbox, tenant_id: int) -> None:
        self.start_button.setEnabled(True)
        if self.tenant is None or self.tenant.id != tenant_id:  # the tenant changed while the inbox started
            submit(inbox.stop)
            return
        self.inbox = inbox
        self.address.setText(inbox.url)
        self.start_button.setText(self.tr("S&top inbox"))
        self.use_button.setEnabled(True)

    def stop(self) -> None:
        if self.inbox is not None:
            inbox, self.inbox = self.inbox, None
            submit(inbox.stop)
        self.address.clear()
        self.start_button.setText(self.tr("S&tart inbox"))
        self.use_button.setEnabled(False)

    def use(self) -> None:
        self.tab.url.setText(self.address.text())
        self.tab.allow_private.setChecked(True)
        self.tab.inner.setCurrentIndex(0)

    def _add(self, item) -> None:
        try:
            event_type = json.loads(item.body).get("type", "?")
        except (ValueError, AttributeError):
            event_type = "(not JSON)"
        if self.table.rowCount() >= webhook_inbox.MAX_KEPT:  # anything local can post here: keep the newest only
            self.table.removeRow(0)
        n = self.table.rowCount()
        self.table.insertRow(n)
        verdict = "valid" if item.check.valid else item.check.reason.replace("_", " ")
        for c, text in enumerate([f"{item.at:%H:%M:%S}", event_type, verdict, message_text(item.check.message)]):
            self.table.setItem(n, c, QTableWidgetItem(text))
