"""The main window's menus, toolbar and shortcuts: which command sits where, and who sees it."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.ui.i18n import tr


def add_action(window, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    a = QAction(text, window)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    a.setStatusTip(tip or text.replace("&", "").rstrip("…"))
    a.triggered.connect(slot)
    window.addAction(a)
    return a


def build_menus(w) -> None:
    """Actions become attributes of the window (`w.act_…`): tests and other parts trigger them by name."""
    from billing_desktop.ui.team_actions import TeamActions

    role = w.session.role
    w.act_register = add_action(w, tr("&Register tenant…"), w.register_tenant, "Ctrl+N")
    w.act_register.setEnabled(allows(role, Perm.TENANT_REGISTER))
    w.act_refresh = add_action(w, tr("Re&fresh"), w.refresh, QKeySequence.StandardKey.Refresh)
    w.act_find = add_action(w, tr("&Find tenant"), w._focus_search, QKeySequence.StandardKey.Find)
    w.act_lock = add_action(w, tr("&Lock"), w.lock, "Ctrl+L", tr("Lock the session now"))
    w.act_sign_out = add_action(w, tr("Sign &out"), w.sign_out, "Ctrl+Shift+Q")
    w.act_quit = add_action(w, tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)
    w.act_profile = add_action(w, tr("My &profile…"), w.edit_profile, "Ctrl+,")
    w.act_password = add_action(w, tr("Change &password…"), w.change_password)
    w.act_about = add_action(w, tr("&About"), w.about)
    w.act_inspect = add_action(w, tr("&Inspect key…"), w.inspect_key, "Ctrl+I", tr("Tell offline what a key is"))
    w.act_scan = add_action(w, tr("&Scan folder for keys…"), w.scan_folder, "Ctrl+Shift+F")
    w.act_verify = add_action(w, tr("&Verify webhook signature…"), w.verify_signature, "Ctrl+Shift+V")
    w.act_platform = add_action(w, tr("Platform &Stripe settings…"), w.platform_settings)
    w.act_platform.setVisible(allows(role, Perm.PLATFORM_MANAGE))
    w.act_preferences = add_action(w, tr("Pr&eferences…"), w.preferences)
    w.team = TeamActions(w)
    w.act_team_db, w.act_operators = w.team.act_team_db, w.team.act_operators
    bar = w.menuBar()
    file_menu = w.file_menu = bar.addMenu(tr("&File"))
    file_menu.setObjectName("file_menu")
    for a in (
        w.act_register,
        w.act_refresh,
        w.act_find,
        None,
        w.act_preferences,
        w.act_team_db,
        None,
        w.act_lock,
        w.act_sign_out,
        None,
        w.act_quit,
    ):
        file_menu.addSeparator() if a is None else file_menu.addAction(a)
    tools = w.tools_menu = bar.addMenu(tr("&Tools"))
    tools.setObjectName("tools_menu")
    for a in (w.act_inspect, w.act_scan, w.act_verify, None, w.act_platform, w.act_operators):
        tools.addSeparator() if a is None else tools.addAction(a)
    account = bar.addMenu(tr("&Account"))
    account.addAction(w.act_profile)
    account.addAction(w.act_password)
    build_view_menu(w)
    w.help_menu = bar.addMenu(tr("&Help"))
    w.help_menu.setObjectName("help_menu")  # other menus are inserted before it, found by name not by label
    w.help_menu.addAction(w.act_about)
    tb = w.toolbar = w.addToolBar(tr("Main"))
    tb.setObjectName("main_toolbar")
    tb.setMovable(False)
    for a in (w.act_register, w.act_refresh, w.act_inspect, w.act_lock, w.act_profile):
        tb.addAction(a)


def build_view_menu(w) -> None:
    from billing_desktop.ui.theme import CHOICES

    menu = w.menuBar().addMenu(tr("&View")).addMenu(tr("&Colour scheme"))
    group = QActionGroup(w)
    labels = {"system": tr("&Follow the system"), "light": tr("&Light"), "dark": tr("&Dark")}
    w.scheme_actions = {}
    for choice in CHOICES:
        action = QAction(labels[choice], w, checkable=True)
        action.setChecked(w.theme.choice() == choice)
        action.triggered.connect(lambda _=False, c=choice: w.theme.set_choice(c))
        group.addAction(action)
        menu.addAction(action)
        w.scheme_actions[choice] = action
