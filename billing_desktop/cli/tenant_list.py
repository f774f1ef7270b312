"""`billing-desktop tenants list`: a page at a time (keyset), never the whole table, on both backends.

Rows are printed as each page arrives; `--limit` stops after that many and prints on stderr the `--after` cursor
that continues right after the last one. `--json` streams one JSON array, an object per line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from billing_desktop.cli.context import acting, jsonable, open_services, sign_in
from billing_desktop.domain.states import ConnectionState
from billing_desktop.domain.validation import Mode

PAGE = 500
SORTS = {  # the option's word -> the list's order (services/tenant_pages.py SORT_KEYS, tenant_ranked.RANKED)
    "company": "company_name",
    "slug": "slug",
    "email": "email",
    "tier": "tier",
    "mode": "mode",
    "active": "active",
    "stripe": "stripe",
    "attention": "attention",
}
COLUMNS = ["slug", "company_name", "email", "tier", "mode", "active", "stripe"]


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_parser(tenants: argparse._SubParsersAction) -> None:
    sp = tenants.add_parser(
        "list",
        help="list tenants a page at a time (search, sort, filter, --limit and --after to continue)",
    )
    acting(sp)
    jsonable(sp)
    sp.add_argument("--search", default="", help="a part of the name, slug or email")
    sp.add_argument("--sort", choices=list(SORTS), default="company", help="order (default: company name)")
    sp.add_argument("--desc", action="store_true", help="in descending order")
    sp.add_argument("--tier", choices=["free", "pro", "enterprise"])
    sp.add_argument("--mode", choices=list(Mode))
    sp.add_argument(
        "--stripe", choices=[*ConnectionState, "none"], help="the Stripe account's state (none: no account)"
    )
    sp.add_argument("--attention", action="store_true", help="only tenants on the Needs attention board")
    sp.add_argument("--limit", type=positive, help="at most this many tenants, then the cursor to continue from")
    sp.add_argument("--after", metavar="CURSOR", help="continue after the tenant a listing with --limit stopped at")
    sp.set_defaults(run=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    from billing_desktop.services import tenant_cursor
    from billing_desktop.services.tenant_pages import ListQuery
    from billing_desktop.services.tenant_ranked import RANKED, ranks_of

    sort = SORTS[args.sort]
    after = tenant_cursor.decode(args.after, sort, args.desc) if args.after else None  # before any sign-in
    with open_services(args) as svc:
        session = sign_in(svc, args)
        counts: Mapping[int, int] = {}
        if sort == RANKED or args.attention:  # the board's counts, read once for the whole listing
            counts = svc.attention.board(session).per_tenant
        query = ListQuery(
            search=args.search,
            sort=sort,
            descending=args.desc,
            tier=args.tier,
            mode=args.mode,
            stripe=args.stripe,
            only_ids=[i for i, n in counts.items() if n > 0] if args.attention else None,
            ranks=ranks_of(counts, descending=args.desc) if sort == RANKED else (),
        )

        def pages() -> Iterator[list[Any]]:
            nonlocal after
            left = args.limit
            while left is None or left > 0:
                size = PAGE if left is None else min(PAGE, left)
                page = svc.tenants.page(session, after=after, limit=size, query=query)
                after = page.after
                yield page.rows
                if after is None:
                    return
                left = None if left is None else left - len(page.rows)

        (_json if args.json else _table)(pages())
    if after is not None:
        print(f"More tenants follow: --after {tenant_cursor.encode(sort, args.desc, after)}", file=sys.stderr)
    return 0


def _json(pages: Iterator[list[Any]]) -> None:
    out, first = sys.stdout, True
    out.write("[")
    for rows in pages:
        for row in rows:
            out.write(("\n  " if first else ",\n  ") + json.dumps(row._asdict(), sort_keys=True, ensure_ascii=False))
            first = False
        out.flush()
    out.write("\n]\n" if not first else "]\n")


def _table(pages: Iterator[list[Any]]) -> None:
    """Columns as wide as the first page needs (a longer value later pushes its row, never the ones printed)."""
    widths: list[int] | None = None
    for rows in pages:
        data = [[_cell(getattr(r, c)) for c in COLUMNS] for r in rows]
        if widths is None:
            widths = [max([len(c)] + [len(row[i]) for row in data]) for i, c in enumerate(COLUMNS)]
            print("  ".join(c.upper().ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip())
        for row in data:
            print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        sys.stdout.flush()


def _cell(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return "" if v is None else str(v)
