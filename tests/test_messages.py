"""Messages from below the UI are translatable (issue 14, item 18): marked with `errors.msg`, collected by the real
pyside6-lupdate, translated in the German catalogue, and shown by the GUI in the operator's language."""

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from billing_desktop.errors import Conflict, Msg, ValidationError, dump_text, load_text, msg

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "translations" / "billing_desktop_de.ts"
BELOW_UI = [p for p in (ROOT / "billing_desktop").rglob("*.py") if not {"ui", "cli"} & set(p.parts)]
ERRORS = {
    "AppError", "NotFound", "PermissionDenied", "AuthenticationFailed", "AccountLocked", "ReauthRequired",
    "SessionLocked", "VaultError", "SchemaTooNew", "DatabaseError", "BackupDamaged", "Cancelled", "StripeProblem",
    "UrlRefusedError", "AttemptCancelled",
}  # fmt: skip


def calls(name_filter):
    for path in BELOW_UI:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name_filter(name):
                    yield path, node


def is_text(node) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def german() -> dict[str, str]:
    out = {}
    for context in ET.parse(CATALOGUE).iter("context"):
        if context.findtext("name") == "":
            for m in context.iter("message"):
                t = m.find("translation")
                out[m.findtext("source")] = "" if t.get("type") == "unfinished" else (t.text or "")
    return out


def test_every_marked_message_has_a_german_translation():
    catalogue = german()
    marked = set()
    for path, node in calls(lambda n: n == "msg"):
        first = node.args[0]
        assert isinstance(first, ast.Constant), f"{path}:{node.lineno}: msg() takes a literal template"
        marked.add(first.value)
    assert len(marked) > 200
    missing = sorted(t for t in marked if not catalogue.get(t))
    assert not missing, f"not translated (run scripts/translations.py update, translate, release): {missing[:5]}"


def test_no_error_below_the_ui_carries_an_unmarked_message():
    """A literal handed to an error, or to a ValidationError's fields, must be a msg(): else it stays English."""
    bare = []
    for path, node in calls(lambda n: n in ERRORS | {"ValidationError", "raise_if"}):
        values = list(node.args[:1])
        if node.args and isinstance(node.args[0], ast.Dict):
            values = [v.body if isinstance(v, ast.IfExp) else v for v in node.args[0].values]
            values += [v.orelse for v in node.args[0].values if isinstance(v, ast.IfExp)]
        bare += [f"{path.relative_to(ROOT)}:{v.lineno}" for v in values if is_text(v)]
    assert not bare, bare


def test_the_real_lupdate_collects_the_marker(tmp_path):
    """scripts/translations.py runs pyside6-lupdate with `msg` as a spelling of QT_TR_NOOP: a template lands in the
    empty context (the one ui.i18n.text looks in), wherever the call stands, keyword parameters and all."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    source = tmp_path / "service.py"
    source.write_text(
        "from billing_desktop.errors import AppError, msg\n"
        "class TenantService:\n"
        "    def get(self, ref):\n"
        '        raise AppError(msg("No tenant {ref}.", ref=ref))\n'
        'FIELDS = {"email": msg("Enter an email "\n    "address.")}\n'
    )
    ts = tmp_path / "out.ts"
    subprocess.run([translations.tool("lupdate"), *translations.MARKER, str(source), "-ts", str(ts)], check=True)
    found = {
        (c.findtext("name"), m.findtext("source")) for c in ET.parse(ts).iter("context") for m in c.iter("message")
    }
    assert found == {("", "No tenant {ref}."), ("", "Enter an email address.")}


def test_a_msg_is_its_english_text_for_the_cli_and_the_log():
    m = msg("No tenant {ref!r}.", ref="acme")
    assert m == "No tenant 'acme'." and isinstance(m, str)
    assert (m.template, m.params) == ("No tenant {ref!r}.", {"ref": "acme"})
    assert msg('Enter a JSON object, like {"color": "#0a84ff"}.') == 'Enter a JSON object, like {"color": "#0a84ff"}.'
    assert str(ValidationError({"email": msg("Enter an email address.")})) == "email: Enter an email address."
    conflict = Conflict(msg("The preferences"), "ann@example.com", None, 3)
    assert str(conflict) == (
        "The preferences was changed by ann@example.com after you opened it. Reload to see the change; your edits "
        "are kept."
    )
    assert isinstance(conflict.args[0], Msg)


@pytest.mark.gui
def test_the_gui_translates_templates_and_their_parameters(qapp):
    from billing_desktop.connect.errors import StripeProblem
    from billing_desktop.ui import i18n

    try:
        assert i18n.apply("de")
        problem = StripeProblem(msg("Stripe error: {value}", value="card_declined"), "x", "req_123")
        assert i18n.error_text(problem) == "Stripe-Fehler: card_declined (Stripe-Anfrage req_123)"
        conflict = Conflict(msg("The preferences"), "ann@example.com", None, 3)
        assert i18n.error_text(conflict).startswith("Nach dem Öffnen hat ann@example.com „Einstellungen“ geändert.")
        assert i18n.text(msg("Too long to be a key ({len_raw:,} characters).", len_raw=12345)) == (
            "Zu lang für einen Schlüssel (12,345 Zeichen)."
        )
        assert i18n.text("plain text stays as it is") == "plain text stays as it is"
        from billing_desktop.services.connect_sync import SyncReport

        report = SyncReport(
            complete=False, cancelled=True, pages=2, accounts_listed=200, updated=50, unknown=0, not_reached=150
        )
        assert report.summary.startswith("Partial sync: 50 accounts refreshed, 150 not reached. Cancelled;")
        assert i18n.text(report.summary) == (
            "Teilweiser Abgleich: 50 Konten aktualisiert, 150 nicht erreicht. "
            "Abgebrochen; bereits Geholtes bleibt erhalten."
        )
    finally:
        i18n.apply("en")


def test_a_stored_message_keeps_its_template_and_its_english():
    """Attention items are derived when Stripe objects are cached and read back later: a Msg stored in a text column
    comes back as the same English (the CLI) with its template and nested parameters (the GUI translates them)."""
    from billing_desktop.domain.attention import from_account

    account = {"requirements": {"past_due": ["external_account", "tos_acceptance.date", "business_type", "x_y"]}}
    (item,) = from_account(account)
    title, detail = load_text(dump_text(item.title)), load_text(dump_text(item.detail))
    assert title == "4 requirements past due" and isinstance(title, Msg) and title.params == {"n": 4}
    assert (
        detail
        == item.detail
        == (
            "Bank account or debit card for payouts; Acceptance of Stripe's terms of service (date); "
            "Business type (individual, company, non-profit…); and 1 more"
        )
    )
    assert isinstance(detail, Msg) and detail.template == "{list}; and {n} more"
    assert load_text("Old row in plain English") == "Old row in plain English"  # rows stored before this change
    assert dump_text("plain") == "plain"
