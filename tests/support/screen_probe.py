"""Open the main window on whatever screen Qt was started with and print where it landed, as JSON.

Run in a child process (the screen is fixed when Qt starts): QT_QPA_PLATFORM=offscreen:configfile=… and
QT_SCALE_FACTOR choose the screen; argv[1] is a QSettings file (a saved geometry in it is restored if it fits).
`webhooks` (English) or `webhooks-de` (German) after it: also report how far each tab, and each page of the
Webhooks tab, scrolls sideways (0: it fits)."""

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from billing_desktop.services import Services
from billing_desktop.services.context import AppContext, Policy
from billing_desktop.services.tenants import Registration
from billing_desktop.store.database import open_database
from billing_desktop.vault import Vault
from tests.support.memory_keyring import MemoryKeyring  # (not tests.conftest: it would force the default screen)


def main() -> int:
    from argon2 import PasswordHasher

    app = QApplication([])
    home = Path(tempfile.mkdtemp(prefix="bd-screen-"))
    engine = open_database(f"sqlite:///{home / 'db.sqlite3'}")
    ctx = AppContext(
        engine=engine,
        vault=Vault(MemoryKeyring()),
        hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
        policy=Policy(),
    )
    services = Services(ctx)
    services.auth.create_operator("op@platform.example", "operator-password-1")
    session = services.auth.sign_in("op@platform.example", "operator-password-1")
    services.tenants.register(session, Registration("Acme Inc", "owner@acme.example", "owner-password-123"))

    from billing_desktop.ui import i18n
    from billing_desktop.ui.main_window import MainWindow

    if sys.argv[2:] == ["webhooks-de"]:
        i18n.apply("de")
    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    win = MainWindow(services, session, settings)
    win.show()
    for _ in range(20):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(200)
    available = win.screen().availableGeometry()
    frame = win.frameGeometry()
    sideways = {}
    if sys.argv[2:3] in (["webhooks"], ["webhooks-de"]):
        for name in ("overview", "stripe", "keys", "audit"):
            page = getattr(win, name)
            win.tabs.setCurrentWidget(page)
            for _ in range(5):
                app.processEvents()
            area = page.parentWidget().parentWidget()  # page -> viewport -> its scroll area
            sideways[name] = area.horizontalScrollBar().maximum()
        win.tabs.setCurrentWidget(win.webhooks)
        area = win.tabs.currentWidget().parentWidget().parentWidget()
        for i in range(win.webhooks.inner.count()):
            win.webhooks.inner.setCurrentIndex(i)
            for _ in range(5):
                app.processEvents()
            sideways[win.webhooks.inner.tabText(i)] = area.horizontalScrollBar().maximum()
    print(
        json.dumps(
            {
                "sideways": sideways,
                "available": [available.x(), available.y(), available.width(), available.height()],
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "minimum": [win.minimumSizeHint().width(), win.minimumSizeHint().height()],
                "dpr": win.devicePixelRatio(),
            }
        )
    )
    if sys.argv[2:] == ["resize-half"]:  # as if the operator made it smaller: that size is saved at close
        win.resize(available.width() // 2, available.height() // 2)
    win.close()
    QThreadPool.globalInstance().waitForDone(5000)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
