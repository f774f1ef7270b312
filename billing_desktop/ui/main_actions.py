"""The main window's commands: dialogs opened from the menus, toolbar and shortcuts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from billing_desktop import APP_NAME, __version__
from billing_desktop.domain.roles import Perm, allows
from billing_desktop.ui import i18n
from billing_desktop.ui.account_dialogs import ChangePasswordDialog, ProfileDialog
from billing_desktop.ui.palette import STATUS_MESSAGE_MS
from billing_desktop.ui.tenant_dialogs import RegisterTenantDialog
from billing_desktop.ui.tenant_model import TenantTableModel


class MainActions:
    """Mixed into MainWindow; uses its services, session, runner, model, table and status bar."""

    # -- commands ---------------------------------------------------------------------------------------------------
    def register_tenant(self) -> None:
        if not allows(self.session.role, Perm.TENANT_REGISTER):
            return
        self._open(RegisterTenantDialog(self.services, self.session, self), self._registered)

    def _registered(self, details) -> None:
        self.statusBar().showMessage(
            self.tr("Registered {0} as {1}.").format(details.company_name, details.slug), STATUS_MESSAGE_MS
        )
        if self.paged:  # a team database's list is paged: find the new tenant on the server
            from billing_desktop.ui.tenant_paged import locate

            locate(self, details.id)
            return
        self.search.clear()
        self.runner.run(
            lambda: TenantTableModel.prepare(self.services.tenants.list_columns(self.session), self.model.sort_state),
            owner=self,
            on_done=lambda prepared: self._tenants_loaded(prepared, details.id),
        )

    def _open(self, dialog: QDialog, on_accepted=None) -> QDialog:
        """Window-modal without a nested event loop; `on_accepted(result_value)` runs after OK."""
        if on_accepted is not None:
            dialog.accepted.connect(lambda: on_accepted(dialog.result_value))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_profile(self) -> None:
        self.runner.run(
            self.services.auth.profile,
            self.session,
            owner=self,
            on_done=lambda p: self._open(ProfileDialog(self.services, self.session, p, self)),
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
            on_done=lambda current: self._open(PlatformStripeDialog(self.services, self.session, current, self)),
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
