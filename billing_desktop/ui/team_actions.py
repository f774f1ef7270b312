"""Team mode in the main window: choosing a team database, the Operators dialog (access to the sealed vault), and
the live refresh that brings other operators' commits onto this screen."""

from __future__ import annotations

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.palette import STATUS_MESSAGE_LONG_MS


class TeamActions:
    def __init__(self, window):
        from billing_desktop.ui.window_menus import add_action

        self.window = window
        self.act_team_db = add_action(window, tr("Connect to &team database…"), self.connect_team_database)
        self.act_operators = add_action(window, tr("&Operators and access to secrets…"), self.operators, "Ctrl+Shift+O")
        self.act_operators.setVisible(allows(window.session.role, Perm.TEAM_MANAGE))

    def start_live_refresh(self):
        """Other operators' commits show up in this window within a second (PostgreSQL NOTIFY; SQLite: a poll)."""
        from billing_desktop.ui.live_refresh import attach

        return attach(self.window)

    def operators(self) -> None:
        from billing_desktop.ui.operators_dialog import OperatorsDialog

        w = self.window
        dialog = OperatorsDialog(w.services, w.session, w.runner, w)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def connect_team_database(self) -> None:
        from billing_desktop.services.team_database import load_profile
        from billing_desktop.ui.team_dialog import TeamDatabaseDialog

        w = self.window

        def chosen(profile) -> None:
            where = profile.display if profile is not None else tr("the local database")
            w.statusBar().showMessage(
                tr("Billing Desktop opens {0} from the next start.").format(where), STATUS_MESSAGE_LONG_MS
            )

        try:
            current = load_profile()
        except Exception:  # an unreadable profile is replaced by whatever is chosen now
            current = None
        w._open(TeamDatabaseDialog(w.services, current, w), chosen)
