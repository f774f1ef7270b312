"""Main window: tenant list beside the Overview, Stripe, API Keys, Webhooks and Audit tabs; idle lock."""

from __future__ import annotations

import functools
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from billing_desktop import APP_NAME
from billing_desktop.domain.roles import Perm, allows
from billing_desktop.services.tenants import TenantRow
from billing_desktop.ui import i18n, tenant_paged, theme
from billing_desktop.ui.elided import ElidedLabel
from billing_desktop.ui.empty_state import EmptyState
from billing_desktop.ui.lock_page import LockPage
from billing_desktop.ui.main_actions import MainActions
from billing_desktop.ui.main_pages import MainPages
from billing_desktop.ui.mode_banner import ModeBanner
from billing_desktop.ui.overview_tab import OverviewTab
from billing_desktop.ui.resources import app_icon
from billing_desktop.ui.runner import ServiceRunner
from billing_desktop.ui.screen_fit import place
from billing_desktop.ui.session_end import SessionEnd
from billing_desktop.ui.tenant_model import TenantTableModel
from billing_desktop.ui.window_menus import build_menus
from billing_desktop.ui.window_parts import ActivityFilter, ScrollingTabs, SearchKeys, focus_first
from billing_desktop.ui.workers import submit

if TYPE_CHECKING:
    from billing_desktop.ui.team_actions import TeamActions


class MainWindow(MainPages, MainActions, SessionEnd, QMainWindow):
    signed_out = Signal()
    team: TeamActions  # set by build_menus (ui/window_menus.py)
    restore_requested = Signal()  # File → Restore from a backup…: the app signs out, closes the database, restores
    list_loaded = Signal()  # the whole tenant list is in (after sign-in, and after every refresh)
    replaced = Signal(object)  # a new language: this window closed, the new one (ui/language_switch.py) took over

    def __init__(self, services, session, settings: QSettings | None = None):
        super().__init__()
        self.services, self.session = services, session
        self.settings = settings or QSettings()
        self.runner = ServiceRunner(services, session, self)
        self.loaded = False  # the whole tenant list (not just its first screen) is in the model
        self._shown_id: int | None = None  # the tenant the tabs show
        self._closing = False  # unsaved edits were settled: let the close through
        self._holding = False  # putting the selection back while the user decides about unsaved edits
        self._closed = False  # set by closeEvent: a closed window starts no more database work
        self._hidden_by_lock: list[QWidget] = []  # this window's views that the lock page hid, shown on unlock
        self.runner.session_locked.connect(self.lock)
        self.runner.busy_changed.connect(self._busy)
        self.setWindowTitle(f"{APP_NAME} — {session.email}")
        self.setWindowIcon(app_icon())
        self.theme = theme.install(self.settings)
        self.language = i18n.current()  # what this window's texts are in (ui/language_switch.py)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.stack.addWidget(self._build_workspace())
        self.lock_page = LockPage(services, session)
        self.lock_page.unlocked.connect(self._unlocked)
        self.lock_page.sign_out.connect(self.sign_out)
        self.stack.addWidget(self.lock_page)
        build_menus(self)
        self._build_status_bar()
        self.live = self.team.start_live_refresh()
        from billing_desktop.ui.connect_actions import ConnectActions

        self.connect_ops = ConnectActions(self)  # Connect menu; the attention board after sign-in
        from billing_desktop.ui.backup_actions import BackupActions

        self.backups = BackupActions(self)  # Back up…, Recovery key…, the recovery prompt, scheduled backups

        self._activity = ActivityFilter(lambda: services.auth.touch(session), self)
        app = QApplication.instance()
        if app is not None:  # always, in the app; the guard is for the type checker's sake
            app.installEventFilter(self._activity)
        self.idle_timer = QTimer(self)
        self._restart_idle_timer()
        self.idle_timer.timeout.connect(self._check_idle)
        self.idle_timer.start()
        place(self, self.settings, "main/geometry")
        self.refresh()

    # -- layout --------------------------------------------------------------------------------------------------
    def _build_workspace(self) -> QWidget:
        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(6, 6, 0, 6)
        self.search = QLineEdit()
        self.search.setObjectName("tenant_search")
        self.search.setPlaceholderText(self.tr("Search tenants (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search tenants"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self._select_after_filter = QTimer(self, singleShot=True, interval=200)
        self._select_after_filter.timeout.connect(self._select_first_match)
        lv.addWidget(self.search)
        self.table = QTableView()
        # A team database sends its list a page at a time (ui/tenant_paged.py); a local file is loaded whole.
        self.paged = self.services.ctx.engine.dialect.name == "postgresql"
        self.model = tenant_paged.attach(self) if self.paged else TenantTableModel(self)
        self.table.setObjectName("tenant_table")
        self.table.setAccessibleName(self.tr("Tenants"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move within it
        for column, width in enumerate((150, 48, 72, 82, 30, 130, 190)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self._search_keys = SearchKeys(self.table, self)
        self.search.installEventFilter(self._search_keys)
        lv.addWidget(self.table, 1)
        foot = QHBoxLayout()
        self.count_label = QLabel()
        foot.addWidget(self.count_label, 1)
        self.register_button = QPushButton(self.tr("&Register tenant…"))
        self.register_button.setObjectName("register_tenant")
        self.register_button.clicked.connect(self.register_tenant)
        self.register_button.setVisible(allows(self.session.role, Perm.TENANT_REGISTER))
        foot.addWidget(self.register_button)
        lv.addLayout(foot)
        left.setMinimumWidth(280)  # the list keeps its Company and Mode columns whatever the tabs ask for
        split.addWidget(left)
        split.setCollapsible(0, False)  # noqa: FBT003 - Qt's API takes no keywords

        self.tabs = ScrollingTabs()
        self.tabs.setObjectName("tabs")
        self.overview = OverviewTab(self.runner)
        self.overview.tenant_changed.connect(self._tenant_changed)
        self.tabs.addTab(self.overview, self.tr("&Overview"))
        # The other pages are built when first shown (or used): signing in builds only the Overview.
        self._pending_row: TenantRow | None = None  # the tenant an unbuilt page is handed when it is built
        labels = {"stripe": self.tr("&Stripe"), "keys": self.tr("API &Keys"), "webhooks": self.tr("&Webhooks")}
        if allows(self.session.role, Perm.AUDIT_VIEW):
            labels["audit"] = self.tr("A&udit")
        self.add_pages(labels)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.mode_banner = ModeBanner()
        workspace = QWidget()
        wv = QVBoxLayout(workspace)
        wv.setContentsMargins(0, 6, 0, 0)
        wv.setSpacing(4)
        wv.addWidget(self.mode_banner)
        wv.addWidget(self.tabs, 1)
        self.empty = EmptyState()
        self.right = QStackedWidget()
        self.right.addWidget(workspace)
        self.right.addWidget(self.empty)
        split.addWidget(self.right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([470, 810])
        return split

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        s = self.session
        # Who and which tenant give way (elided, whole in the tooltip) so the keyring and database stay readable.
        self.user_label = ElidedLabel(f"{s.email} · {s.role.value}")
        self.user_label.setObjectName("status_user")
        self.tenant_label = ElidedLabel(s.tenant_name or self.tr("All tenants"))
        self.tenant_label.setObjectName("status_tenant")
        self.keyring_label = ElidedLabel(self.tr("Keyring: checking…"))
        self.keyring_label.setObjectName("status_keyring")
        self.keyring_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)  # gives way too
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(12)
        self.progress.hide()
        for label in (self.user_label, self.tenant_label):
            label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)  # whole while room
            sb.addWidget(label)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.keyring_label)
        # Asking the keyring which backend it has can be slow (D-Bus): never on this thread.
        submit(
            lambda: self.services.ctx.vault.backend_name,
            owner=self,
            on_done=lambda name: self.keyring_label.setText(self.tr("Keyring: {0}").format(name)),
        )

    # -- data ------------------------------------------------------------------------------------------------------
    FIRST_SCREEN = 200

    def refresh(self, *, count_all: bool = True) -> None:
        """Two steps, so a large platform still shows its first screen at once: the first rows by name, then
        the whole list, whose search strings and sort order are prepared in the worker too. A team database's list
        counts its tenants again only if `count_all` (their number may have changed)."""
        selected = self.selected_tenant_id()
        if isinstance(self.model, tenant_paged.PagedTenantModel):
            self.model.reload(selected, count_all=count_all)
            return
        sort = self.model.sort_state

        def load_all():
            return TenantTableModel.prepare(self.services.tenants.list_columns(self.session), sort)

        def whole_list(_result=None) -> None:
            # Keep whichever tenant is selected when the whole list arrives (the user may have clicked meanwhile).
            self.runner.run(
                load_all,
                owner=self,
                on_done=lambda prepared: self._tenants_loaded(prepared, self.selected_tenant_id() or selected),
            )

        if self.loaded:
            whole_list()
            return

        def first_screen(rows: list[TenantRow]) -> None:
            if not self.loaded:
                self._tenants_loaded(TenantTableModel.prepare(rows, self.model.sort_state), selected, partial=True)
            # The whole list only now: built in a worker, its Python work would hold the GIL against the first
            # screen's window.
            whole_list()

        self.runner.run(
            functools.partial(self.services.tenants.list, limit=self.FIRST_SCREEN),
            self.session,
            owner=self,
            on_done=first_screen,
            on_error=whole_list,
        )

    def _tenants_loaded(self, prepared, keep_id: int | None, *, partial: bool = False) -> None:
        self.model.set_prepared(prepared)
        self.loaded = not partial
        self._update_count()
        row = self.model.row_of(keep_id) if keep_id is not None else -1
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        elif self.model.total() == 0:
            self._shown_id = None
            self.overview.show_details(None)
            self.mode_banner.show_mode(None, "")
        if self.pages.is_current("audit") and self.audit.isEnabled():
            self.audit.reload()
        if not partial:
            self.list_loaded.emit()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if isinstance(self.model, tenant_paged.PagedTenantModel):
            self.count_label.setText(self.model.count_text())
        elif not self.loaded:
            self.count_label.setText(self.tr("{0}+ tenants (loading…)").format(total))
        elif shown == total:
            self.count_label.setText(self.tr("1 tenant") if total == 1 else self.tr("{0} tenants").format(total))
        else:
            self.count_label.setText(self.tr("{0} of {1} tenants").format(shown, total))
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        """Say why there is nothing to show instead of leaving the last tenant on screen."""
        if self.loaded and self.model.total() == 0:
            can_register = allows(self.session.role, Perm.TENANT_REGISTER)
            self.empty.show_state(
                self.tr("No tenants yet"),
                self.tr("Register the first tenant: its owner account and API keys are made with it.")
                if can_register
                else self.tr("There is no tenant you can see."),
                self.tr("&Register tenant…") if can_register else "",
                self.register_tenant,
            )
            self.right.setCurrentWidget(self.empty)
        elif self.model.total() > 0 and self.model.rowCount() == 0:
            self.empty.show_state(
                self.tr("No tenant matches “{0}”").format(escape(self.search.text().strip())),
                self.tr("Search looks at company names, slugs and email addresses."),
                self.tr("&Clear search"),
                self._clear_search,
            )
            self.right.setCurrentWidget(self.empty)
        else:
            self.right.setCurrentIndex(0)

    def _clear_search(self) -> None:
        self.search.clear()
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        if self.paged:
            return  # the server answers once typing pauses, and its answer selects (ui/tenant_paged.py)
        self._update_count()
        # Choosing a tenant loads its details and tabs: do that once typing pauses, not on every keystroke.
        self._select_after_filter.start()

    def _select_first_match(self) -> None:
        row = self.model.row_of(self._shown_id) if self._shown_id is not None else -1
        if row < 0 and self.model.rowCount() and not self.has_unsaved_changes():
            row = 0  # the tenant shown so far is filtered out: show the first match instead (unless it has edits)
        if row >= 0:
            self.table.selectRow(row)

    def selected_tenant_id(self) -> int | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row else None

    def show_tenant(self, tenant_id: int) -> None:
        row = self.model.row_of(tenant_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selected(self, current, _previous) -> None:
        row = self.model.row_at(current.row())
        if row is None or self._holding or self._closed:  # closed: the selection changes as the window goes away
            return
        if self._shown_id is not None and row.id != self._shown_id and self.has_unsaved_changes():
            # Keep the edited tenant selected until the user has said what happens to the edits.
            self._holding = True
            try:
                shown = self.model.row_of(self._shown_id)
                self.table.selectRow(shown) if shown >= 0 else self.table.clearSelection()
            finally:
                self._holding = False
            self.guard_unsaved(lambda: self.show_tenant(row.id))
            return
        self.mode_banner.show_mode(row.mode, row.company_name)
        self.tenant_label.setText(row.company_name)
        same = row.id == self._shown_id
        if not (same and self.overview.has_unsaved_changes()):  # a list reload must not overwrite edits
            if self.overview.details is None or self.overview.details.id != row.id:
                self.overview.setEnabled(False)  # no typing into the previous tenant's fields while this one loads
            self.runner.run(self.services.tenants.get, self.session, row.id, owner=self, on_done=self._details_loaded)
        if same:
            return  # the list was reloaded around the same tenant: keep the tabs' state (e.g. a Connect attempt)
        self._shown_id = row.id
        self._pending_row = row
        for name, page in self.pages.built_pages().items():
            self._page_built(name, page)

    def _details_loaded(self, details) -> None:
        if details.id != self.selected_tenant_id():
            return
        shown = self.overview.details
        if shown is not None and shown.id == details.id and self.overview.has_unsaved_changes():
            self.overview.remote_update(details)  # a reload never throws away what the operator typed
        else:
            self.overview.show_details(details)
            self.mode_banner.show_mode(details.mode, details.company_name)

    def _tenant_changed(self, details) -> None:
        self.mode_banner.show_mode(details.mode, details.company_name)
        self.refresh()

    def _tab_changed(self, _index: int) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and not self.tabs.isAncestorOf(focus) and self.tabs.currentWidget() is not None:
            focus_first(self.tabs.currentWidget())  # Alt+K from the search box lands in the keys, not in search
        if self.pages.is_current("audit"):
            self.audit.reload()

    def _busy(self, count: int) -> None:
        self.progress.setVisible(count > 0)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
