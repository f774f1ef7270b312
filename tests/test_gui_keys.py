"""The API Keys tab and the Inspect and Scan dialogs, clicked through."""

import pytest
from PySide6.QtGui import QGuiApplication

from billing_desktop.ui import clipboard
from billing_desktop.ui.auth_windows import PasswordPrompt
from billing_desktop.ui.inspect_dialogs import InspectKeyDialog, ScanDialog
from billing_desktop.ui.key_dialogs import NewKeysDialog, RegenerateDialog, RevokeDialog
from billing_desktop.ui.main_window import MainWindow
from tests.conftest import OPERATOR_PASSWORD
from tests.gui_helpers import click, open_dialog, settings, type_into

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_main_window, operator, acme):
    return open_main_window(operator, tab="keys", ready=lambda win: win.keys.table.rowCount() == 4)


def select_key(win, kind, mode):
    rows = win.keys.visible_rows()
    i = next(n for n, r in enumerate(rows) if (r.kind, r.mode, r.status) == (kind, mode, "active"))
    win.keys.table.selectRow(i)
    return rows[i]


def test_keys_are_listed_masked(window):
    texts = [window.keys.table.item(r, 2).text() for r in range(4)]
    secrets = [t for t in texts if t.startswith("sk_")]
    assert len(secrets) == 2 and all("****…" in t and len(t) == len("sk_test_****…") + 4 for t in secrets)


def test_copy_secret_then_clipboard_is_cleared(qtbot, window, monkeypatch):
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 300)
    row = select_key(window, "secret", "test")
    click(qtbot, window.keys.copy_button)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("sk_test_"))
    assert QGuiApplication.clipboard().text().endswith(row.masked[-4:])
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=3000)


def test_clipboard_is_not_cleared_if_the_user_copied_something_else(qtbot, window, monkeypatch):
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 300)
    select_key(window, "secret", "test")
    click(qtbot, window.keys.copy_button)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("sk_test_"))
    QGuiApplication.clipboard().setText("my own text")
    qtbot.waitUntil(lambda: clipboard.pending_clears() == 0, timeout=5000)  # the clear ran, and kept our text
    assert QGuiApplication.clipboard().text() == "my own text"


def test_reveal_live_asks_for_the_password(qtbot, window, clock):
    clock.advance(minutes=6)
    row = select_key(window, "secret", "live")
    click(qtbot, window.keys.reveal_button)
    prompt = open_dialog(qtbot, PasswordPrompt)
    type_into(qtbot, prompt.password, OPERATOR_PASSWORD)
    click(qtbot, prompt.ok_button)
    qtbot.waitUntil(window.keys.revealed.isVisible)
    assert "sk_live_" in window.keys.revealed.text() and row.masked[-4:] in window.keys.revealed.text()


def test_regenerate_live_with_grace_then_revoke_test_then_inspect(qtbot, window, services, operator, clock):
    old_live = services.keys.reveal(operator, select_key(window, "secret", "live").id)
    old_test = services.keys.reveal(operator, select_key(window, "secret", "test").id)
    clock.advance(minutes=6)
    click(qtbot, window.keys.regenerate_button)
    dialog = open_dialog(qtbot, RegenerateDialog)
    dialog.environment.setCurrentIndex(dialog.environment.findData("live"))
    dialog.grace.setCurrentIndex(dialog.grace.findData("24h"))
    assert dialog.ok_button.text() == "Regenerate LIVE keys"
    assert "24 hours" in dialog.warning.text()
    click(qtbot, dialog.ok_button)
    prompt = open_dialog(qtbot, PasswordPrompt)
    type_into(qtbot, prompt.password, OPERATOR_PASSWORD)
    click(qtbot, prompt.ok_button)
    shown = open_dialog(qtbot, NewKeysDialog)
    new_live = next(e.text() for e in shown.findChildren(type(prompt.password)) if e.text().startswith("sk_live_"))
    shown.accept()
    qtbot.waitUntil(lambda: window.keys.table.rowCount() == 6)
    statuses = sorted(r.status for r in window.keys.rows)
    assert statuses == ["active"] * 4 + ["expiring"] * 2
    assert "(in 1 d 0 h)" in " ".join(window.keys.table.item(r, 5).text() for r in range(6))

    click(qtbot, window.keys.revoke_button)
    revoke = open_dialog(qtbot, RevokeDialog)
    revoke.environment.setCurrentIndex(revoke.environment.findData("test"))
    click(qtbot, revoke.ok_button)
    assert revoke.form.errors["reason"].isVisible() and revoke.isVisible()
    type_into(qtbot, revoke.reason, "Posted in a support ticket")
    click(qtbot, revoke.ok_button)
    qtbot.waitUntil(lambda: sorted(r.status for r in window.keys.rows).count("revoked") == 2)

    window.act_inspect.trigger()
    inspect = open_dialog(qtbot, InspectKeyDialog)
    expectations = [
        (old_live, "expiring at"),
        (new_live, "active"),
        (old_test, "revoked at"),
        (old_test[:-1] + ("Q" if old_test[-1] != "Q" else "R"), "Checksum does not match"),
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Stripe webhook signing secret"),
    ]
    for key, expected in expectations:
        inspect.key.setText(key)
        qtbot.waitUntil(lambda expected=expected: expected in inspect.summary.text(), timeout=3000)
    inspect.key.setText(old_test)
    qtbot.waitUntil(lambda: "Posted in a support ticket" in inspect.summary.text())
    assert inspect.fields["tenant"].text() == "Acme Inc (acme-inc)"


def test_inspect_survives_hostile_input(qtbot, window):
    window.act_inspect.trigger()
    inspect = open_dialog(qtbot, InspectKeyDialog)
    for text, expected in [
        ("x" * 1_000_000, "Too long"),
        ("", "Nothing to inspect"),
        ("sk_test_\x00abc", "NUL"),
        ("\u0455k_test_abc", "non-ASCII"),  # Cyrillic dze for the s
    ]:
        # Wait for the verdict on this very text, however long a loaded machine takes to give it.
        with qtbot.waitSignal(inspect.inspected, timeout=60_000, check_params_cb=lambda got, text=text: got == text):
            inspect.key.setText(text)
        assert expected in inspect.summary.text()


def test_developer_cannot_reveal_or_regenerate(qtbot, services, acme_users, tmp_path):
    win = MainWindow(services, acme_users["developer"], settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.keys)
    qtbot.waitUntil(lambda: win.keys.table.rowCount() == 4)
    select_key(win, "secret", "test")
    assert not win.keys.reveal_button.isEnabled()
    assert not win.keys.regenerate_button.isVisible() and not win.keys.revoke_button.isVisible()


def test_scan_dialog_finds_keys_and_can_cancel(qtbot, window, tmp_path):
    (tmp_path / "a.txt").write_text("token sk_test_4eC39HqLyjWDarjtT1zdp7dc\n")
    window.act_scan.trigger()
    dialog = open_dialog(qtbot, ScanDialog)
    dialog.folder.setText(str(tmp_path))
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Done"), timeout=5000)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "sk_test_****…p7dc"


def test_inspect_verdicts_in_german(qtbot, services, operator, acme, tmp_path):
    """The Inspect dialog's verdicts come from the services in English (the CLI prints them) and are shown in the
    operator's language."""
    from billing_desktop.ui import i18n

    key = services.keys.reveal(
        operator, next(k for k in services.keys.list(operator, acme.id) if k.kind == "secret").id
    )
    i18n.apply("de")
    try:
        win = MainWindow(services, operator, settings(tmp_path))
        qtbot.addWidget(win)
        win.show()
        win.act_inspect.trigger()
        inspect = open_dialog(qtbot, InspectKeyDialog)
        for text, expected in [
            (key, "Acme Inc (acme-inc) — "),  # the tenant as it is; the rest in German (mode and kind: codes)
            (key[:-1] + ("Q" if key[-1] != "Q" else "R"), "Prüfsumme"),
            ("\u0455k_test_abc", "Kein Schlüssel — er enthält Nicht-ASCII-Zeichen"),
        ]:
            with qtbot.waitSignal(inspect.inspected, timeout=60_000, check_params_cb=lambda got, t=text: got == t):
                inspect.key.setText(text)
            assert expected in inspect.summary.text(), inspect.summary.text()
        inspect.key.setText(key)
        qtbot.waitUntil(lambda: inspect.fields["status"].text().endswith("-Schlüssel, aktiv."))
        assert inspect.fields["checksum_valid"].text() == "gültig"
    finally:
        i18n.apply("en")
