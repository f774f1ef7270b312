"""Regenerate docs/screenshots/: real windows on a real (virtual) screen, seeded with sample data.

Run: scripts/screenshots.sh   (starts Xvfb, D-Bus and an unlocked GNOME Keyring, then this file)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
os.environ.setdefault("BILLING_DESKTOP_HOME", tempfile.mkdtemp(prefix="bd-shots-"))

from argon2 import PasswordHasher  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from billing_desktop.services.bootstrap import build_services  # noqa: E402
from billing_desktop.services.tenants import Registration  # noqa: E402
from billing_desktop.ui.app import make_app  # noqa: E402

PASSWORD = "operator-password-1"
SAMPLE = [
    ("Acme Corporation", "billing@acme.example", "acme.example", "pro", "live", "2.50"),
    ("Globex Ltd", "ops@globex.example", "globex.example", "enterprise", "live", "1.75"),
    ("Initech", "finance@initech.example", "initech.example", "free", "test", "0"),
    ("Umbrella Health", "it@umbrella.example", "umbrella.example", "pro", "test", "3.00"),
    ("Stark Industries", "tony@stark.example", "stark.example", "enterprise", "live", "1.00"),
    ("Wayne Enterprises", "lucius@wayne.example", "wayne.example", "enterprise", "test", "1.25"),
    ("Hooli", "gavin@hooli.example", "hooli.example", "pro", "test", "2.00"),
    ("Pied Piper", "richard@piedpiper.example", "piedpiper.example", "free", "test", "0"),
]


def settle(app: QApplication, ms: int = 400) -> None:
    from PySide6.QtCore import QEventLoop, QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    widget.grab().save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def seeded():
    """The app, services on a fresh data dir (a cheap hasher), the signed-in operator and the SAMPLE tenants by
    company name. Set any BILLING_DESKTOP_* environment (a fake Stripe's base URL) before calling it."""
    app = make_app()
    svc = build_services()
    svc.ctx.hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    svc.auth.create_operator("operator@platform.example", PASSWORD, "Olivia", "Operator")
    session = svc.auth.sign_in("operator@platform.example", PASSWORD)
    tenants = {}
    for company, email, domain, tier, mode, fee in SAMPLE:
        tenants[company] = svc.tenants.register(
            session,
            Registration(
                company,
                email,
                "tenant-password-1",
                first_name="Pat",
                last_name="Owner",
                domain=domain,
                tier=tier,
                mode=mode,
                platform_fee_percent=fee,
            ),
        )
    return app, svc, session, tenants


def main_window(svc, session, name: str = "ui", size: tuple[int, int] | None = None):
    """The real main window with its own settings file in the data dir, shown (at `size`, or as ui/screen_fit.py
    sizes it for the screen)."""
    from billing_desktop.ui.main_window import MainWindow

    home = Path(os.environ["BILLING_DESKTOP_HOME"])
    win = MainWindow(svc, session, QSettings(str(home / f"{name}.ini"), QSettings.Format.IniFormat))
    if size is not None:
        win.resize(*size)
    win.show()
    return win


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    screen = os.environ.get("BD_SHOTS_SCREEN")  # set by screenshots.sh for the runs on other screens
    if screen:
        return screen_shots(screen)
    app, svc, session, _ = seeded()

    from billing_desktop.ui.account_dialogs import ChangePasswordDialog, ProfileDialog
    from billing_desktop.ui.auth_windows import FirstRunWizard, SignInWindow
    from billing_desktop.ui.tenant_dialogs import RegisterTenantDialog

    sign_in = SignInWindow()
    sign_in.set_services(svc)
    sign_in.email.setText("operator@platform.example")
    sign_in.show()
    shot(app, sign_in, "sign-in")
    sign_in.close()

    wizard = FirstRunWizard(svc)
    wizard.show()
    shot(app, wizard, "first-run")
    wizard.close()

    win = main_window(svc, session, size=(1280, 780))
    shot(app, win, "main-overview")
    win.search.setText("test")
    win.search.clear()
    row = win.model.row_of(3)
    win.table.selectRow(row)
    shot(app, win, "main-test-mode")
    win.tabs.setCurrentWidget(win.audit)
    shot(app, win, "audit")
    win.tabs.setCurrentIndex(0)

    dialog = RegisterTenantDialog(svc, session, win)
    dialog.show()
    dialog.company.setText("Example Co")
    dialog.email.setText("not-an-email")
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.ok_button.click()
    shot(app, dialog, "register-tenant-errors")
    dialog.reject()

    ProfileDialog(svc, session, svc.auth.profile(session), win).show()
    profile = next(w for w in app.topLevelWidgets() if isinstance(w, ProfileDialog))
    shot(app, profile, "profile")
    profile.reject()
    cp = ChangePasswordDialog(svc, session, win)
    cp.show()
    shot(app, cp, "change-password")
    cp.reject()

    from datetime import timedelta

    from billing_desktop.ui.inspect_dialogs import InspectKeyDialog, ScanDialog
    from billing_desktop.ui.key_dialogs import NewKeysDialog, RegenerateDialog

    win.table.selectRow(win.model.row_of(1))
    old = {r.mode: svc.keys.reveal(session, r.id) for r in svc.keys.list(session, 1) if r.kind == "secret"}
    new = svc.keys.regenerate(session, 1, "live", timedelta(hours=24))
    svc.keys.revoke(session, 1, "test", "Posted in a support ticket")
    win.tabs.setCurrentWidget(win.keys)
    win.keys.reload()
    settle(app)
    win.keys.table.selectRow(0)
    shot(app, win, "api-keys")
    regen = RegenerateDialog("Acme Corporation", win)
    regen.environment.setCurrentIndex(1)
    regen.show()
    shot(app, regen, "regenerate-keys")
    regen.reject()
    shown = NewKeysDialog("Acme Corporation", new, win)
    shown.show()
    shot(app, shown, "new-keys")
    shown.reject()
    inspect = InspectKeyDialog(svc, session, win)
    inspect.show()
    inspect.key.setText(old["live"])
    inspect.inspect()
    shot(app, inspect, "inspect-key")
    inspect.key.setText(old["test"])
    inspect.inspect()
    shot(app, inspect, "inspect-key-revoked")
    inspect.reject()
    leak_dir = Path(tempfile.mkdtemp(prefix="bd-leaks-"))
    (leak_dir / "config").mkdir()
    (leak_dir / "config" / "settings.py").write_text(
        f"STRIPE_KEY = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'\nBILLING_KEY = '{new[1].key}'\nOLD = '{old['test']}'\n"
    )
    scan = ScanDialog(svc, session, win, str(leak_dir))
    scan.show()
    scan.start()
    shot(app, scan, "scan")
    scan.reject()

    stripe_screens(app, svc, session, win)
    webhook_screens(app, svc, session, win)
    win.lock()
    shot(app, win, "locked")
    win.close()
    return 0


def webhook_screens(app, svc, session, win) -> None:
    from billing_desktop.ui.verify_dialog import VerifySignatureDialog

    win.table.selectRow(win.model.row_of(3))  # Initech, test mode
    win.tabs.setCurrentWidget(win.webhooks)
    tab = win.webhooks
    settle(app)
    tab.inner.setCurrentWidget(tab.inbox_panel)
    tab.inbox_panel.toggle()
    settle(app)
    tab.inbox_panel.use()
    tab.save()
    settle(app)
    tenant_id = win.model.row_at(win.table.currentIndex().row()).id
    tab.show_config(svc.webhooks.roll_secret(session, tenant_id, "24h"))  # in a roll's overlap: two valid secrets
    shot(app, win, "webhooks-endpoint")
    tab.inner.setCurrentWidget(tab.test_panel)
    settle(app)
    tab.test_panel.event_type.setCurrentText("invoice.paid")
    settle(app)
    tab.test_panel.send()
    settle(app, 800)
    shot(app, win, "webhooks-test")
    tab.inner.setCurrentWidget(tab.inbox_panel)
    shot(app, win, "webhooks-inbox")
    tab.inbox_panel.stop()
    dialog = VerifySignatureDialog(svc, session, win.model.row_at(win.table.currentIndex().row()), win)
    dialog.show()
    dialog.headers.setPlainText("t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd")
    dialog.payload.setPlainText('{"id": "evt_test"}')
    dialog.verify()
    shot(app, dialog, "verify-signature")
    dialog.reject()


def stripe_screens(app, svc, session, win) -> None:
    """The Stripe tab in each state, against the test suite's fake Stripe on loopback."""
    import socket
    import threading

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.support.fake_stripe import FakeStripe, follow

    fake = FakeStripe()
    os.environ["BILLING_DESKTOP_STRIPE_API_BASE"] = os.environ["BILLING_DESKTOP_STRIPE_CONNECT_BASE"] = fake.base
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    svc.stripe_platform.update(session, fake.client_id, fake.secret_key, port)
    opened = []
    svc.stripe.open_browser = lambda url: opened.append(url) or True  # "opened": the waiting view as most see it
    win.table.selectRow(win.model.row_of(2))
    win.tabs.setCurrentWidget(win.stripe)
    shot(app, win, "stripe-disconnected")
    win.stripe.connect_button.click()
    settle(app)
    shot(app, win, "stripe-waiting")
    threading.Thread(target=follow, args=(opened[0],), daemon=True).start()
    settle(app, 1500)
    shot(app, win, "stripe-connected")
    account = next(iter(fake.accounts.values()))
    account["requirements"] = {
        "currently_due": ["external_account", "tos_acceptance.date"],
        "past_due": ["external_account"],
        "disabled_reason": "requirements.past_due",
    }
    account["payouts_enabled"] = False
    win.stripe.refresh_button.click()
    settle(app, 800)
    shot(app, win, "stripe-restricted")
    fake.close()


def screen_shots(screen: str) -> int:
    """The main views as they open on this screen (fitted by ui/screen_fit.py, as for an operator): 1366x768,
    1920x1080, or QT_SCALE_FACTOR=2 on 1920x1080 or 1366x768; each also in dark mode, the 1366 one in German too."""
    from billing_desktop.ui import i18n

    app, svc, session, _ = seeded()

    def window(name: str):
        win = main_window(svc, session, name)
        settle(app, 800)
        for attention in [w for w in app.topLevelWidgets() if w.isVisible() and w is not win]:
            attention.close()  # the Needs-attention board that opens after sign-in (shot on its own elsewhere)
        win.table.selectRow(win.model.row_of(1))  # Acme Corporation, live
        return win

    win = window(screen)
    shot(app, win, f"{screen}-overview")
    win.tabs.setCurrentWidget(win.keys)
    shot(app, win, f"{screen}-api-keys")
    win.tabs.setCurrentWidget(win.audit)
    shot(app, win, f"{screen}-audit")
    win.theme.set_choice("dark")
    win.table.selectRow(win.model.row_of(3))  # Initech, test
    win.tabs.setCurrentWidget(win.webhooks)
    shot(app, win, f"{screen}-dark-webhooks")
    win.tabs.setCurrentWidget(win.overview)
    shot(app, win, f"{screen}-dark-overview")
    win.search.setText("no such tenant")
    shot(app, win, f"{screen}-dark-no-match")
    win.search.clear()
    win.lock()
    shot(app, win, f"{screen}-dark-locked")
    win.theme.set_choice("light")
    win.close()
    if screen == "1366":  # German is the longest of the shipped languages: does it fit the smallest screen?
        svc.auth.unlock(session, PASSWORD)
        i18n.apply("de")
        german = window("1366-de")
        shot(app, german, "1366-german-overview")
        german.tabs.setCurrentWidget(german.stripe)
        shot(app, german, "1366-german-stripe")
        german.close()
        i18n.apply("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
