"""The Webhooks tab clicked through: configure, refuse a private URL, send a test, log, inbox, verify."""

import pytest
import stripe
from PySide6.QtCore import Qt

from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.verify_dialog import VerifySignatureDialog
from tests.gui_helpers import click, open_dialog, settings, type_into

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_main_window, operator, acme):
    return open_main_window(operator, tab="webhooks")


def test_configure_send_and_see_the_log(qtbot, window, services, operator, acme, receiver):
    tab = window.webhooks
    qtbot.waitUntil(tab.url.isEnabled)  # the stored configuration (none yet) has loaded
    type_into(qtbot, tab.url, receiver.url)
    click(qtbot, tab.save_button)
    qtbot.waitUntil(lambda: tab.form.errors["url"].isVisible())
    assert "loopback" in tab.form.errors["url"].text()
    tab.allow_private.setChecked(True)
    click(qtbot, tab.save_button)
    qtbot.waitUntil(lambda: tab.secrets.count() == 1)
    assert tab.secrets.item(0).text().startswith("whsec_****…")
    tab.inner.setCurrentWidget(tab.test_panel)
    panel = tab.test_panel
    panel.event_type.setCurrentText("invoice.paid")
    qtbot.waitUntil(lambda: '"invoice.paid"' in panel.payload.toPlainText())
    click(qtbot, panel.send_button)
    qtbot.waitUntil(lambda: panel.log.rowCount() == 1)
    assert "Result: Delivered  status 200" in panel.result.toPlainText()
    assert panel.log.item(0, 2).text() == "Delivered"
    assert "X-Webhook-Signature: t=" in panel.result.toPlainText()
    _, headers, body = receiver.requests[-1]
    secret = services.webhooks.reveal_secret(operator, acme.id)
    assert stripe.WebhookSignature.verify_header(body.decode(), headers["X-Webhook-Signature"], secret, 300)

    panel.payload.setPlainText("{broken")
    click(qtbot, panel.send_button)
    qtbot.waitUntil(panel.message.isVisible)
    assert "Not valid JSON" in panel.message.text()


def test_inbox_receives_and_verifies(qtbot, window):
    tab = window.webhooks
    tab.inner.setCurrentWidget(tab.inbox_panel)
    click(qtbot, tab.inbox_panel.start_button)
    qtbot.waitUntil(lambda: tab.inbox_panel.address.text().startswith("http://127.0.0.1:"))
    qtbot.waitUntil(tab.url.isEnabled)
    click(qtbot, tab.inbox_panel.use_button)
    assert tab.url.text() == tab.inbox_panel.address.text() and tab.allow_private.isChecked()
    click(qtbot, tab.save_button)
    qtbot.waitUntil(lambda: tab.secrets.count() == 1)
    tab.inner.setCurrentWidget(tab.test_panel)
    qtbot.waitUntil(
        lambda: (
            "webhook.test" in tab.test_panel.payload.toPlainText() or '"type"' in tab.test_panel.payload.toPlainText()
        )
    )
    click(qtbot, tab.test_panel.send_button)
    qtbot.waitUntil(lambda: tab.inbox_panel.table.rowCount() == 1)
    assert tab.inbox_panel.table.item(0, 2).text() == "valid"
    click(qtbot, tab.inbox_panel.start_button)  # stop


def test_inbox_table_keeps_the_newest_requests_only(qtbot, window, monkeypatch):
    """The inbox listens on loopback, where any local process may post: its table must not grow without end."""
    import httpx

    from billing_desktop.services import webhook_inbox

    monkeypatch.setattr(webhook_inbox, "MAX_KEPT", 5)
    panel = window.webhooks.inbox_panel
    window.webhooks.inner.setCurrentWidget(panel)
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: panel.address.text().startswith("http://127.0.0.1:"))
    for i in range(8):
        httpx.post(panel.address.text(), content=f'{{"type": "evt.{i}"}}'.encode())

    def newest() -> str:
        item = panel.table.item(panel.table.rowCount() - 1, 1)
        return item.text() if item is not None else ""

    qtbot.waitUntil(lambda: newest() == "evt.7")
    assert panel.table.rowCount() == 5 and panel.table.item(0, 1).text() == "evt.3"
    click(qtbot, panel.start_button)  # stop


def test_verify_dialog(qtbot, window, services, operator, acme, receiver):
    services.webhooks.save(
        operator, acme.id, receiver.url, ["*"], "", enabled=True, scheme="stripe", allow_private=True
    )
    services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_v"}')
    _, headers, body = receiver.requests[-1]
    window.act_verify.trigger()
    dialog = open_dialog(qtbot, VerifySignatureDialog)
    dialog.headers.setPlainText(headers["X-Webhook-Signature"])
    dialog.payload.setPlainText(body.decode())
    click(qtbot, dialog.verify_button)
    qtbot.waitUntil(lambda: "Valid signature" in dialog.verdict.text())
    dialog.payload.setPlainText(body.decode() + " ")
    click(qtbot, dialog.verify_button)
    qtbot.waitUntil(lambda: "No signature matches" in dialog.verdict.text())


def test_developer_sees_config_read_only(qtbot, services, acme_users, acme, receiver, tmp_path):
    services.webhooks.save(
        acme_users["owner"],
        acme.id,
        receiver.url,
        ["invoice.paid"],
        "",
        enabled=True,
        scheme="stripe",
        allow_private=True,
    )
    win = MainWindow(services, acme_users["developer"], settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.webhooks)
    qtbot.waitUntil(lambda: win.webhooks.config is not None)
    assert win.webhooks.url.text() == receiver.url and not win.webhooks.url.isEnabled()
    assert not win.webhooks.save_button.isVisible() and not win.webhooks.roll_button.isVisible()
    item = win.webhooks.events.findItems("invoice.paid", Qt.MatchFlag.MatchExactly)[0]
    assert item.checkState() == Qt.CheckState.Checked


def test_resend_and_automatic_retry_from_the_log(qtbot, window, services, operator, acme, receiver, monkeypatch):
    from billing_desktop.services import webhook_delivery

    monkeypatch.setattr(webhook_delivery, "BACKOFF", (0.2, 0.2, 0.2, 0.2))
    services.webhooks.save(
        operator, acme.id, receiver.url, ["*"], "", enabled=True, scheme="stripe", allow_private=True
    )
    receiver.responses = [(500, {}, b"down"), (503, {}, b"still down"), (503, {}, b"again")]
    services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_gui"}')
    tab = window.webhooks
    tab.inner.setCurrentWidget(tab.test_panel)
    panel = tab.test_panel
    panel.load_log()
    qtbot.waitUntil(lambda: panel.log.rowCount() == 1)
    panel.log.selectRow(0)
    click(qtbot, panel.resend_button)
    qtbot.waitUntil(lambda: panel.log.rowCount() == 2)
    assert "503" in panel.result.toPlainText()
    panel.log.selectRow(0)
    click(qtbot, panel.retry_button)
    qtbot.waitUntil(lambda: "Last attempt: Delivered" in panel.retry_status.text(), timeout=10000)
    assert services.deliveries.list(operator, acme.id)[0].outcome == "ok"


def test_the_secrets_count_is_read_again_when_an_overlap_ends(qtbot, services, operator):
    """'2 valid secrets until …' must not stay on screen after that time: the panel asks for the list again."""
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QWidget

    from billing_desktop.services.tenants import TenantRow
    from billing_desktop.services.webhooks import SecretRow, WebhookConfig
    from billing_desktop.ui.runner import ServiceRunner
    from billing_desktop.ui.webhook_secrets import SecretsPanel

    host = QWidget()
    qtbot.addWidget(host)
    panel = SecretsPanel(ServiceRunner(services, operator, host))
    qtbot.addWidget(panel)
    now = datetime.now(UTC)
    rows = [
        SecretRow(id=2, masked="whsec_****…new1", created_at=now, expires_at=None),
        SecretRow(id=1, masked="whsec_****…old1", created_at=now, expires_at=now + timedelta(milliseconds=300)),
    ]
    config = WebhookConfig(
        tenant_id=1, mode="test", url="http://127.0.0.1:9/h", event_types=["*"], description="", enabled=True,
        scheme="stripe", allow_private=True, secrets=rows, updated_at=now,
    )  # fmt: skip
    acme = TenantRow(
        id=1, company_name="Acme", slug="acme", email="a@acme.example", tier="free", mode="test", active=True
    )
    panel.show_secrets(acme, config)
    assert panel.summary.text().startswith("2 valid secrets until ")
    with qtbot.waitSignal(panel.overlap_ended, timeout=5000):
        pass
    panel.show_secrets(None, None)  # a list without an overlap starts no timer
    assert not panel._overlap_timer.isActive()


def test_reveal_and_copy_the_selected_signing_secret(qtbot, open_main_window, services, operator, acme):
    from PySide6.QtGui import QGuiApplication

    services.webhooks.save(operator, acme.id, "http://127.0.0.1:9/in", ["invoice.paid"], allow_private=True)
    old = services.webhooks.reveal_secret(operator, acme.id)
    services.webhooks.roll_secret(operator, acme.id, "24h")  # two valid: the new one and, for a day, the old
    window = open_main_window(operator, tab="webhooks")
    panel = window.webhooks.secrets_panel
    qtbot.waitUntil(lambda: panel.secrets.count() == 2)
    older = next(r for r in range(2) if "valid until" in panel.secrets.item(r).text())
    panel.secrets.setCurrentRow(older)
    click(qtbot, panel.reveal_button)
    qtbot.waitUntil(lambda: old in panel.revealed.value.text())
    panel.secrets.setCurrentRow(1 - older)
    click(qtbot, panel.copy_button)
    qtbot.waitUntil(lambda: "Signing secret copied" in window.statusBar().currentMessage())
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("whsec_") and copied != old  # the current one, the row selected


def test_a_delivery_and_the_automatic_retry_in_german(qtbot, open_main_window, services, operator, acme, receiver):
    """The result's headings and the retry's progress line (from the service) were English in German mode."""
    from billing_desktop.services import webhook_delivery
    from billing_desktop.ui import i18n

    services.webhooks.save(
        operator, acme.id, receiver.url, ["*"], "", enabled=True, scheme="stripe", allow_private=True
    )
    receiver.responses = [(503, {}, b"down")]
    services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_de"}')
    i18n.apply("de")
    try:
        window = open_main_window(operator, tab="webhooks")
        panel = window.webhooks.test_panel
        window.webhooks.inner.setCurrentWidget(panel)
        panel.load_log()
        qtbot.waitUntil(lambda: panel.log.rowCount() == 1)
        panel.log.selectRow(0)
        qtbot.waitUntil(lambda: "Antwort-Header:" in panel.result.toPlainText())  # the row's result, its headings
        text = panel.result.toPlainText()
        assert "Fehler: " in text and "Gesendete Anfrage:" in text and "Response headers" not in text
        # the outcome in words, in the table and the result: not the enum's raw value
        assert panel.log.item(0, 2).text() == "HTTP-Fehler"
        assert "Ergebnis: HTTP-Fehler  Status 503" in text
        assert "HTTP_ERROR" not in text.upper()
        click(qtbot, panel.retry_button)
        wait = webhook_delivery.BACKOFF[0]
        qtbot.waitUntil(lambda: panel.retry_status.text() == f"Versuch 2 in {int(wait)} s", timeout=5000)
        click(qtbot, panel.cancel_retry)
        qtbot.waitUntil(lambda: not panel.cancel_retry.isEnabled(), timeout=5000)  # stopped within its wait
    finally:
        i18n.apply("en")
