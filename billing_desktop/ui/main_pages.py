"""The main window's pages other than the Overview, built when first shown or first used (window_parts.LazyPages):
signing in builds one page, not five. Mixed into MainWindow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_desktop.ui.window_parts import LazyPages, ScrollingTabs

if TYPE_CHECKING:  # the type checker sees the QMainWindow this is mixed into; at run time MainWindow adds it
    from PySide6.QtWidgets import QMainWindow as _Window

    from billing_desktop.services.tenants import TenantRow
    from billing_desktop.ui.audit_tab import AuditTab
    from billing_desktop.ui.keys_tab import KeysTab
    from billing_desktop.ui.overview_tab import OverviewTab
    from billing_desktop.ui.runner import ServiceRunner
    from billing_desktop.ui.stripe_tab import StripeTab
    from billing_desktop.ui.tenant_model import TenantTableModel
    from billing_desktop.ui.tenant_paged import PagedTenantModel
    from billing_desktop.ui.webhooks_tab import WebhooksTab
else:
    _Window = object


class MainPages(_Window):
    # MainWindow's, declared for the type checker.
    tabs: ScrollingTabs
    runner: ServiceRunner
    overview: OverviewTab
    _pending_row: TenantRow | None
    model: TenantTableModel | PagedTenantModel
    if TYPE_CHECKING:

        def refresh(self, *, count_all: bool = True) -> None: ...

    def add_pages(self, labels: dict[str, str]) -> None:
        """The tabs after the Overview, in this order, with their labels; a page without a label (Audit, for a role
        that may not see it) is no tab."""
        self.pages = LazyPages(self.tabs, self._page_built, self)
        for name, make in (
            ("stripe", self._make_stripe),
            ("keys", self._make_keys),
            ("webhooks", self._make_webhooks),
            ("audit", self._make_audit),
        ):
            self.pages.add(name, make, *((labels[name],) if name in labels else ()))

    @property
    def stripe(self) -> StripeTab:
        return self.pages.get("stripe")

    @property
    def keys(self) -> KeysTab:
        return self.pages.get("keys")

    @property
    def webhooks(self) -> WebhooksTab:
        return self.pages.get("webhooks")

    @property
    def audit(self) -> AuditTab:
        return self.pages.get("audit")

    def _make_audit(self) -> AuditTab:
        from billing_desktop.ui.audit_tab import AuditTab

        return AuditTab(self.runner)

    def _make_stripe(self) -> StripeTab:
        from billing_desktop.ui.stripe_tab import StripeTab

        tab = StripeTab(self.runner)
        tab.status_shown.connect(lambda st: self._stripe_shown(tab, st))
        return tab

    def _stripe_shown(self, tab: StripeTab, st) -> None:
        # A refresh from Stripe stores the account's new state (restricted, say) without an audit row, so the change
        # feed does not hear it: the list's Stripe column learns it here when it shows another state.
        from billing_desktop.domain.states import ConnectionState

        if st is None or tab.tenant is None:
            return
        # The row's stored state, not the cell's text: that is in the operator's language.
        shown = self.model.row_at(self.model.row_of(tab.tenant.id))
        if shown is None:
            return
        if shown.stripe != st.state and not (shown.stripe == "none" and st.state == ConnectionState.DISCONNECTED):
            self.refresh(count_all=False)

    def _make_keys(self) -> KeysTab:
        from billing_desktop.ui.keys_tab import KeysTab

        return KeysTab(self.runner)

    def _make_webhooks(self) -> WebhooksTab:
        from billing_desktop.ui.webhooks_tab import WebhooksTab

        return WebhooksTab(self.runner)

    def _page_built(self, name: str, page) -> None:
        """A page built now, or every built page when another tenant is chosen: show it the chosen tenant."""
        row = self._pending_row
        if row is not None:
            page.set_tenant(row.id if name == "audit" else row)

    def editors(self) -> list:
        """Pages with edits of their own (ui/unsaved.py); an unbuilt page has none."""
        webhooks = self.pages.built("webhooks")
        return [self.overview] if webhooks is None else [self.overview, webhooks]
