"""The main window builds its pages other than the Overview when they are first shown (ui/main_pages.py): signing
in costs one page, and a page built later shows the tenant chosen before it existed."""

from billing_desktop.ui.stripe_tab import StripeTab


def _built(win) -> set[str]:
    return set(win.pages.built_pages())


def test_signing_in_builds_only_the_overview(open_main_window, operator, acme):
    win = open_main_window(operator, ready=lambda w: w.overview.details is not None)
    assert _built(win) == set()
    assert [win.tabs.tabText(i).replace("&", "") for i in range(win.tabs.count())] == [
        "Overview",
        "Stripe",
        "API Keys",
        "Webhooks",
        "Audit",
    ]
    assert not win.findChildren(StripeTab)


def test_a_page_shown_later_shows_the_tenant_chosen_before(qtbot, open_main_window, operator, acme, globex):
    win = open_main_window(operator, ready=lambda w: w.loaded and w.overview.details is not None)
    win.show_tenant(globex.id)
    qtbot.waitUntil(lambda: win.overview.details is not None and win.overview.details.id == globex.id)
    assert _built(win) == set()
    win.tabs.setCurrentIndex(2)  # API Keys, by its tab: built now, with Globex's keys
    assert _built(win) == {"keys"}
    assert win.tabs.currentWidget() is win.keys and win.keys.tenant.id == globex.id
    qtbot.waitUntil(lambda: len(win.keys.visible_rows()) == 4)
    win.show_tenant(acme.id)  # a built page follows the selection at once
    qtbot.waitUntil(lambda: win.keys.tenant.id == acme.id)
    assert _built(win) == {"keys"}


def test_code_that_uses_a_page_builds_it_in_its_tab(qtbot, open_main_window, operator, acme):
    win = open_main_window(operator, ready=lambda w: w.overview.details is not None)
    webhooks = win.webhooks  # built on use, in its place among the tabs
    assert _built(win) == {"webhooks"} and win.tabs.indexOf(webhooks) == 3
    assert webhooks.tenant is not None and webhooks.tenant.id == acme.id
    assert not win.has_unsaved_changes()
