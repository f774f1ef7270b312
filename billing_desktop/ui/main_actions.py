"""The main window's commands: dialogs opened from the menus, toolbar and shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QTableView

from billing_desktop import APP_NAME, __version__
from billing_desktop.domain.roles import Perm, allows
from billing_desktop.ui import i18n
from billing_desktop.ui.account_dialogs import ChangePasswordDialog, ProfileDialog
from billing_desktop.ui.palette import STATUS_MESSAGE_MS
from billing_desktop.ui.tenant_dialogs import RegisterTenantDialog
from billing_desktop.ui.tenant_model import TenantTableModel

if TYPE_CHECKING:  # the type checker sees the QMainWindow this is mixed into; at run time MainWindow adds it
    from PySide6.QtWidgets import QMainWindow as _Window

    from billing_desktop.services import Services
    from billing_desktop.services.session import UserSession
    from billing_desktop.ui.connect_actions import ConnectActions
    from billing_desktop.ui.runner import ServiceRunner
else:
    _Window = object

D = TypeVar("D", bound=QDialog)


class MainActions(_Window):
    """Mixed into MainWindow; uses its services, session, runner, model, table and status bar."""

    # MainWindow's, declared for the type checker.
    services: Services
    session: UserSession
    settings: QSettings
    runner: ServiceRunner
    model: TenantTableModel
    table: QTableView
    search: QLineEdit
    paged: bool
    language: str
    idle_timer: QTimer
    connect_ops: ConnectActions
    _tenants_loaded: Callable[[object, int | None], None]  # the model's prepared list, the tenant to select

    # -- commands ---------------------------------------------------------------------------------------------------
    def register_tenant(self) -> None:
        if not allows(self.session.role, Perm.TENANT_REGISTER):
            return
        self._open(RegisterTenantDialog(self.services, self.session, self), self._registered)

    def _registered(self, details) -> None:
        self.statusBar().showMessage(
            self.tr("Registered {0} as {1}.").format(details.company_name, details.slug), STATUS_MESSAGE_MS
        )
        # Every tenant again (the operator did not type this search), the new one selected among them.
        self.search.clear()
        if self.paged:  # a team database's list is paged: read from its start down to the new tenant
            from billing_desktop.ui.tenant_paged import PagedTenantModel, locate

            assert isinstance(self.model, PagedTenantModel)
            # Farther down than the window holds (a large platform): found by its slug, which the box then shows.
            self.model.reveal(details.id, lambda: locate(self, details.id))
            return
        self.runner.run(
            lambda: TenantTableModel.prepare(self.services.tenants.list_columns(self.session), self.model.sort_state),
            owner=self,
            on_done=lambda prepared: self._tenants_loaded(prepared, details.id),
        )

    def _open(self, dialog: D, on_accepted: Callable[[object], None] | None = None) -> D:
        """Window-modal without a nested event loop; `on_accepted(result_value)` runs after OK (TaskDialog and the
        team database dialog keep what their OK produced there; any other dialog passes None)."""
        if on_accepted is not None:
            dialog.accepted.connect(lambda: on_accepted(getattr(dialog, "result_value", None)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _open_and_forget(self, dialog: QDialog) -> None:
        self._open(dialog)

    def edit_profile(self) -> None:
        self.runner.run(
            self.services.auth.profile,
            self.session,
            owner=self,
            on_done=lambda p: self._open_and_forget(ProfileDialog(self.services, self.session, p, self)),
        )

    def change_password(self) -> None:
        self._open(
            ChangePasswordDialog(self.services, self.session, self),
            lambda _: self.statusBar().showMessage(self.tr("Password changed."), STATUS_MESSAGE_MS),
        )

    def inspect_key(self) -> None:
        from billing_desktop.ui.inspect_dialogs import InspectKeyDialog

        dialog = self._open(InspectKeyDialog(self.services, self.session, self))
        dialog.key.setFocus()

    def scan_folder(self) -> None:
        from billing_desktop.ui.inspect_dialogs import ScanDialog

        self._open(ScanDialog(self.services, self.session, self))

    def verify_signature(self) -> None:
        from billing_desktop.ui.verify_dialog import VerifySignatureDialog

        self._open(
            VerifySignatureDialog(self.services, self.session, self.model.row_at(self.table.currentIndex().row()), self)
        )

    def platform_settings(self) -> None:
        from billing_desktop.ui.platform_dialog import PlatformStripeDialog

        self.runner.run(
            self.services.stripe_platform.get,
            self.session,
            owner=self,
            on_done=lambda current: self._open_and_forget(
                PlatformStripeDialog(self.services, self.session, current, self)
            ),
        )

    def preferences(self) -> None:
        from billing_desktop.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.services, self.session, self.settings, self)

        def saved(_result) -> None:
            self._restart_idle_timer()
            self.connect_ops.auto_sync.apply_interval()
            if self.language != i18n.current():  # chosen now, or earlier while edits kept this window as it was
                from billing_desktop.ui.language_switch import rebuild_later

                rebuild_later(self)  # this window again, in the new language

        self._open(dialog, saved)

    def _restart_idle_timer(self) -> None:
        idle_ms = int(self.services.ctx.policy.idle_lock.total_seconds() * 1000)
        self.idle_timer.setInterval(max(50, min(5000, idle_ms // 4)))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About {0}").format(APP_NAME),
            f"<b>{APP_NAME}</b> {__version__}<br>"
            + self.tr("Administer a multi-tenant billing platform on Stripe Connect."),
        )
