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


# `keys inspect`'s own parser (cli/inspect_command.py): the namespace argparse makes, or None and argparse decides.
INSPECT_CASES = [
    ["keys", "inspect", "sk_test_x"],
    ["keys", "inspect", "sk_test_x", "--json"],
    ["keys", "inspect", "--json", "sk_test_x", "--as", "op@example.com"],
    ["keys", "inspect", "--as", "op@example.com", "-", "--json"],
    ["keys", "inspect", "--as", "a@example.com", "--as", "b@example.com", "k"],  # the last wins, as in argparse
    ["keys", "inspect", "-"],
    ["keys", "inspect"],  # KEY defaults to -: read from stdin
    ["keys", "inspect", "", "--json"],
    ["keys", "inspect", "sk live x"],
]
LEFT_TO_ARGPARSE = [
    ["keys", "inspect", "--help"],
    ["keys", "inspect", "-h"],
    ["keys", "inspect", "--as=op@example.com", "k"],
    ["keys", "inspect", "--js", "k"],  # an abbreviation argparse accepts
    ["keys", "inspect", "k", "--jsn"],  # a misspelling argparse refuses, with its message
    ["keys", "inspect", "k", "k2"],
    ["keys", "inspect", "--as"],
    ["keys", "inspect", "--as", "--json", "k"],
    ["keys", "inspect", "-x"],
    ["keys", "inspect", "--", "-k"],
    ["--database-url", "sqlite:///x.db", "keys", "inspect", "k"],
    ["keys", "list", "acme"],
]


@pytest.mark.parametrize("argv", INSPECT_CASES, ids=" ".join)
def test_keys_inspects_own_parser_reads_what_argparse_reads(argv):
    from billing_desktop.cli.inspect_command import parse

    own = parse(argv)
    assert own is not None
    code, args, out, err = _parse(build_parser(), argv)
    assert (code, out, err) == (0, "", "")
    assert {**vars(own), "run": own.run.__qualname__} == args


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE, ids=" ".join)
def test_keys_inspects_own_parser_leaves_the_rest_to_argparse(argv):
    from billing_desktop.cli.inspect_command import parse

    assert parse(argv) is None


def test_keys_inspect_help_is_argparses(capsys):
    from billing_desktop.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["keys", "inspect", "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0 and out.startswith("usage: billing-desktop keys inspect") and "--json" in out
