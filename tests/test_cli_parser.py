"""A command of a self-contained group builds only its group's parser (start-up of short commands such as `keys
inspect`); what it accepts, refuses and prints as help is what the whole parser does."""

import contextlib
import io

import pytest

from billing_desktop.cli.main import SELF_CONTAINED, build_parser, command_of


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["keys", "inspect", "-"], "keys"),
        (["--database-url", "sqlite:///x", "tenants", "list"], "tenants"),
        (["--database-url=sqlite:///x", "users", "list", "acme"], "users"),
        (["--self-test"], None),
        (["--database-url", "keys"], None),  # the URL, not a command
        (["--", "keys"], None),
        ([], None),
    ],
)
def test_the_command_word(argv, command):
    assert command_of(argv) == command


def _parse(parser, argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = vars(parser.parse_args(argv))
            code = 0
        except SystemExit as exc:
            args, code = None, exc.code
    if args is not None:
        args["run"] = getattr(args.get("run"), "__qualname__", None)
    return code, args, out.getvalue(), err.getvalue()


CASES = [
    ["keys", "inspect", "sk_test_x", "--json", "--as", "op@example.com"],
    ["keys", "regenerate", "acme", "--env", "live", "--grace", "24h", "--yes"],
    ["keys", "regenerate", "acme", "--env", "nowhere"],  # refused: the same message
    ["keys", "--help"],
    ["keys", "inspect", "--help"],
    ["keys"],
    ["--database-url", "sqlite:///x.db", "keys", "list", "acme"],
    *[[group, "--help"] for group in SELF_CONTAINED],
    *[[group] for group in SELF_CONTAINED],
]


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_a_groups_own_parser_answers_as_the_whole_parser_does(argv):
    assert _parse(build_parser(argv), argv) == _parse(build_parser(), argv)


def test_the_groups_named_self_contained_are_the_whole_parsers_commands():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(SELF_CONTAINED) <= set(sub.choices)
    for group in SELF_CONTAINED:  # the group's own parser has that one command
        only = next(a for a in build_parser([group])._actions if a.dest == "command")
        assert set(only.choices) == {group}
