"""`billing-desktop --self-test`: start for real in a throwaway data dir, sign in, visit every tab, exit.

Exit 0 only if every step worked and Qt printed no warning. Used by CI on the installed package."""

from __future__ import annotations

import secrets
import sys

from PySide6.QtCore import QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

IGNORED = ("This plugin does not support propagateSizeHints",)  # the offscreen platform's note, not a fault


class SelfTest:
    def __init__(self, app: QApplication, controller):
        self.app, self.controller = app, controller
        self.problems: list[str] = []
        self.steps: list[str] = []
        qInstallMessageHandler(self._qt_message)

    def _qt_message(self, kind, context, message) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and not message.startswith(IGNORED):
            self.problems.append(f"Qt: {message}")

    def fail(self, text: str) -> None:
        self.problems.append(text)
        self.finish()

    def finish(self) -> None:
        for step in self.steps:
            print(f"ok   {step}")
        for p in self.problems:
            print(f"FAIL {p}", file=sys.stderr)
        print("self-test " + ("failed" if self.problems else "passed"), flush=True)
        self.app.exit(1 if self.problems else 0)

    def start(self) -> None:
        QTimer.singleShot(60_000, lambda: self.fail("timed out after 60 s"))
        self._wait_for_services()

    def _wait_for_services(self) -> None:
        if self.controller.sign_in.message.isVisible():
            return self.fail("start-up: " + self.controller.sign_in.message.text())
        if self.controller.services is None and self.controller.wizard is None:
            QTimer.singleShot(50, self._wait_for_services)
            return
        self.steps.append("database opened and migrated; sign-in window shown")
        from billing_desktop.ui.resources import resource
        from billing_desktop.ui.workers import submit

        for name in ("billing-desktop.svg", "billing-desktop.desktop"):
            try:
                resource(name)
            except FileNotFoundError as exc:
                self.problems.append(str(exc))
        if self.controller.wizard is not None:
            self.controller.wizard.reject()  # the self-test makes its own operator below
        services = self.controller.services
        password = secrets.token_urlsafe(16)

        def prepare():
            from billing_desktop.services.tenants import Registration

            services.auth.create_operator("self-test@billing-desktop.invalid", password)
            session = services.auth.sign_in("self-test@billing-desktop.invalid", password)
            services.tenants.register(
                session, Registration("Self Test Ltd", "owner@self-test.invalid", secrets.token_urlsafe(16))
            )
            return session, services.ctx.vault.check()

        submit(prepare, on_done=self._signed_in, on_error=lambda exc: self.fail(f"sign-in or keyring: {exc}"))

    def _signed_in(self, result) -> None:
        session, backend = result
        self.steps.append(f"operator created, signed in, tenant registered with keys (keyring: {backend})")
        self.controller._signed_in(session)
        self.window = self.controller.main_window
        self.tab = 0
        QTimer.singleShot(300, self._next_tab)

    def _next_tab(self) -> None:
        tabs = self.window.tabs
        if self.tab >= tabs.count():
            self.steps.append(
                "visited every tab: " + ", ".join(tabs.tabText(i).replace("&", "") for i in range(tabs.count()))
            )
            if self.window.model.total() != 1:
                self.problems.append(f"tenant list shows {self.window.model.total()} tenants, expected 1")
            return self.finish()
        tabs.setCurrentIndex(self.tab)
        self.tab += 1
        QTimer.singleShot(400, self._next_tab)


def schedule_self_test(app: QApplication, controller) -> None:
    test = SelfTest(app, controller)
    app._self_test = test  # keep it alive
    QTimer.singleShot(0, test.start)
