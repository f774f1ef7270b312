"""`billing-desktop --self-test`: start for real in a throwaway data dir, sign in, visit every tab, exit.

With BILLING_DESKTOP_SELF_TEST_SOAK=ROUNDS it then registers a few more tenants, runs that many rounds of tenant x
tab selections (ui/soak.py), checks memory, object counts and the refcounts a broken Qt binding corrupts (those of
None/True/False on Python 3.11, where they are mortal; on every Python a probe object carried through results; the
output says which), and quits
through File > Quit like an operator. Exit 0 only if every step worked and Qt printed no warning. Used by CI on the
installed package."""

from __future__ import annotations

import os
import secrets
import sys

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
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
        limit = 60 + 30 * int(os.environ.get("BILLING_DESKTOP_SELF_TEST_SOAK") or 0)
        QTimer.singleShot(limit * 1000, lambda: self.fail(f"timed out after {limit} s"))
        self._wait_for_services()

    def _check_translations(self) -> None:
        """Every language Preferences offers has its catalogue in this installation (a bundle that lost its .qm
        files would silently show English)."""
        from PySide6.QtCore import QTranslator

        from billing_desktop.ui import i18n

        for language in i18n.LANGUAGES:
            if language == "en":
                continue
            catalogue = QTranslator()
            if not catalogue.load(f"{i18n.CATALOGUE}_{language}", str(i18n.translations_dir())):
                self.problems.append(f"no {language} catalogue in {i18n.translations_dir()}")
            elif not catalogue.translate("", "&File"):
                self.problems.append(f"the {language} catalogue does not translate the File menu")
        self.steps.append(f"catalogues for {', '.join(sorted(i18n.LANGUAGES))}")

    def _wait_for_services(self) -> None:
        if self.controller.sign_in.message.isVisible():
            return self.fail("start-up: " + self.controller.sign_in.message.text())
        if self.controller.services is None and self.controller.wizard is None:
            QTimer.singleShot(50, self._wait_for_services)
            return
        import PySide6

        self.steps.append(f"database opened and migrated; sign-in window shown (PySide6 {PySide6.__version__})")
        from billing_desktop.ui.resources import resource
        from billing_desktop.ui.workers import submit

        for name in ("billing-desktop.svg", "billing-desktop.desktop"):
            try:
                resource(name)
            except FileNotFoundError as exc:
                self.problems.append(str(exc))
        self._check_translations()
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
            rounds = int(os.environ.get("BILLING_DESKTOP_SELF_TEST_SOAK") or 0)
            if rounds > 0 and not self.problems:
                return self._soak(rounds)
            return self.finish()
        tabs.setCurrentIndex(self.tab)
        self.tab += 1
        QTimer.singleShot(400, self._next_tab)

    def _soak(self, rounds: int) -> None:
        from billing_desktop.services.tenants import Registration
        from billing_desktop.ui.workers import submit

        services, session = self.controller.services, self.window.session

        def register_more() -> None:
            for n in range(2, 6):
                registration = Registration(
                    company_name=f"Soak {n} Ltd", email=f"owner{n}@soak.invalid", password=secrets.token_urlsafe(16)
                )
                services.tenants.register(session, registration)

        def registered(_result) -> None:
            self.window.refresh()
            QTimer.singleShot(500, lambda: self._run_soak(rounds))

        submit(register_more, on_done=registered, on_error=lambda exc: self.fail(f"soak: registering: {exc}"))

    def _run_soak(self, rounds: int) -> None:
        from billing_desktop.ui.soak import Soak

        soak = Soak(self.window, rounds)
        soak.finished.connect(self._soaked)
        self._soak_driver = soak
        soak.start()

    def _soaked(self, stats) -> None:
        from billing_desktop.ui.soak import checked, verdict

        first, last = stats[1], stats[-1]
        self.steps.append(
            f"soak: {last.selections} tenant x tab selections; resident memory {stats[0].rss_kib} -> "
            f"{first.rss_kib} -> {last.rss_kib} KiB; tracked objects {first.objects} -> {last.objects}; "
            f"{checked(stats)}"
        )
        self.problems.extend(f"soak: {p}" for p in verdict(stats, rss_budget=0.10))
        if self.problems:
            return self.finish()
        for step in self.steps:
            print(f"ok   {step}")
        print("self-test passed; quitting through File > Quit", flush=True)
        self.steps.clear()
        self.window.act_quit.trigger()  # the operator's way out: the exit code is the app's own


_running: list[SelfTest] = []


def schedule_self_test(app: QApplication, controller) -> None:
    test = SelfTest(app, controller)
    _running.append(test)  # keep it alive while the app runs
    QTimer.singleShot(0, test.start)
