"""States are enums in domain/: outside it (and the migrations, which must not import the app) no code spells a
mode, a connection, delivery, event, feed, vault or team state, or a Stripe status as a bare string."""

import ast
from pathlib import Path

import billing_desktop

PACKAGE = Path(billing_desktop.__file__).parent
STATE_WORDS = {
    *("live", "test"),  # Mode
    *("connected", "pending", "restricted", "disconnected"),  # ConnectionState
    "ok",  # DeliveryOutcome, AuditOutcome, Health
    *("applied", "ignored"),  # EventOutcome
    *("connecting", "up", "down"),  # FeedState
    *("waiting", "unlocked", "revoked", "granted", "not joined"),  # Access, KeyState, MemberState
    *("in_transit", "inactive"),  # PayoutStatus, CapabilityStatus
}
# The same words meaning something else, each with the line that uses it.
NOT_STATES = {
    ("cli/webhook_commands.py", 'sp = wh.add_parser("test", help="send a signed test delivery")'),  # a command
    ("ui/task_dialog.py", 'self.ok_button.setObjectName("ok")'),  # a widget name
    ("ui/key_dialogs.py", 'self.ok_button.setObjectName("ok")'),
    ("ui/roll_dialog.py", 'self.ok_button.setObjectName("ok")'),
    ("store/database.py", 'return None if first == "ok" else str(first)'),  # SQLite's integrity_check answer
    ("store/snapshot.py", 'return None if first == "ok" else str(first)'),
    # The restore's progress steps, not a key's state.
    ("services/restore.py", 'STEPS = ("decrypted", "migrated", "granted", "swapped")'),
    ("services/restore.py", 'step("granted")'),
    ("services/webhook_delivery.py", '"webhook": {"object": "test", "message": "Test delivery from Billing Desktop"},'),
    ("cli/connect_commands.py", 'for label, rows in (("available", v.available), ("pending", v.pending)):'),  # balances
    ("services/connect_account.py", 'pending=[money(x["amount"], x["currency"]) for x in b.get("pending") or []],'),
    (
        "cli/keys_commands.py",
        'emit_json({"revoked": count}) if args.json else print(f"Revoked {count} keys.")',
    ),  # a count
    # A cell's text (translated), not a state.
    ("ui/fees_view.py", '(self.tr("Check"), lambda ln: self.tr("differs") if ln.flagged else self.tr("ok")),'),
    ("ui/live_refresh.py", 'return tr("connected")  # the word shown, not a state'),  # the status bar's word
    # The words shown for Stripe's statuses (keyed by the enums), marked for translation.
    ("ui/stripe_requirements.py", 'CapabilityStatus.PENDING: QT_TRANSLATE_NOOP("", "pending"),'),
    ("ui/stripe_requirements.py", 'CapabilityStatus.INACTIVE: QT_TRANSLATE_NOOP("", "inactive"),'),
    ("ui/tenant_model.py", 'ConnectionState.CONNECTED.value: QT_TRANSLATE_NOOP("", "connected"),'),
    ("ui/tenant_model.py", 'ConnectionState.PENDING.value: QT_TRANSLATE_NOOP("", "pending"),'),
    ("ui/tenant_model.py", 'ConnectionState.RESTRICTED.value: QT_TRANSLATE_NOOP("", "restricted"),'),
    ("ui/tenant_model.py", 'ConnectionState.DISCONNECTED.value: QT_TRANSLATE_NOOP("", "disconnected"),'),
}


def bare_state_literals() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(("domain/", "store/migrations/")):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and node.value in STATE_WORDS:
                line = lines[node.lineno - 1].strip()
                if (rel, line) not in NOT_STATES:
                    found.append((rel, node.lineno, line))
    return found


def test_no_bare_state_literals_outside_domain():
    assert bare_state_literals() == []


def test_the_check_finds_one(tmp_path, monkeypatch):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "x.py").write_text('if mode == "live":\n    pass\n')
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "y.py").write_text('LIVE = "live"\n')
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path)
    assert bare_state_literals() == [("ui/x.py", 1, 'if mode == "live":')]
