"""The tenant list on a team database (issue 12, item 5): never the whole table. The server sorts, searches and
filters (TenantService.page, a keyset page each); this model holds a bounded window of those pages.

Rows are discovered as the operator scrolls: the view's fetchMore reads the next page after the last one read, so
the scroll bar grows with what was seen. Only KEEP_PAGES pages are held; a page scrolled away is dropped and read
again, by the key where it starts (kept: one small tuple per page), when it comes back into view. Search waits for a
pause in typing. Every column sorts on the server: the Stripe state from its own index (migration 0018), the
attention count by the board's counts this window holds (services.tenant_ranked).

SQLite keeps TenantTableModel, the whole list in memory, which meets its budgets at 100,000 tenants.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from billing_desktop.services.tenant_columns import TenantColumns
from billing_desktop.services.tenant_pages import ListQuery, TenantPage
from billing_desktop.services.tenant_ranked import RANKED, ranks_of
from billing_desktop.services.tenants import TenantRow
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.tenant_model import ATTENTION, COLUMNS, TenantTableModel

# run(fn, on_done, on_error): fn off the GUI thread, its result (or exception) back on it.
Run = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


class PagedTenantModel(TenantTableModel):
    reloaded = Signal(object)  # a new answer is on screen; the id to keep selected (None: what is shown)
    counted = Signal()  # total() and matches() are known for the current query

    PAGE = 200
    KEEP_PAGES = 6  # 1,200 rows at most, whatever the database holds
    TYPING_PAUSE_MS = 150
    COUNT_CAP = 10_000  # a search counts this far, then says "10000+"

    def __init__(
        self,
        run: Run,
        read: Callable[[ListQuery, tuple[Any, ...] | None, int], TenantPage],
        count: Callable[[ListQuery, int | None], int],
        parent=None,
    ):
        super().__init__(parent)
        self._run, self._read, self._count = run, read, count
        self._anchors: list[tuple[Any, ...] | None] = [None]  # anchors[p]: the key page p starts after
        self._pages: dict[int, TenantColumns] = {}
        self._known = 0  # rows discovered so far (the view's row count)
        self._more = False
        self._pending: set[int] = set()
        self._asked_meanwhile = False
        self._generation = 0  # answers to an older query are dropped
        self._shown_query: ListQuery | None = None
        self._all: int | None = None  # every tenant this session sees
        self._total_stale = True  # _all must be counted (again) with the next answer
        self._matches: int | None = None
        self._revealing: tuple[int, Callable[[], None], ListQuery] | None = None  # reveal()'s, until it answers
        self._typing = QTimer(self, singleShot=True, interval=self.TYPING_PAUSE_MS)
        self._typing.timeout.connect(lambda: self.reload(None))

    # -- the query --------------------------------------------------------------------------------------------------
    def query(self) -> ListQuery:
        column, order = self._sort
        f = self._facets
        ids = [i for i, n in self._attention.items() if n > 0] if f["attention"] else None
        sort, descending = COLUMNS[column][1], order == Qt.SortOrder.DescendingOrder
        return ListQuery(
            search=self._filter,
            sort=sort,
            descending=descending,
            ranks=ranks_of(self._attention, descending=descending) if sort == RANKED else (),
            tier=f["tier"],
            mode=f["mode"],
            stripe=f["stripe"],
            only_ids=ids,
        )

    def filtered(self) -> bool:
        q = self.query()
        return q != ListQuery(sort=q.sort, descending=q.descending, ranks=q.ranks)

    def set_filter(self, text: str) -> None:
        # .lower(), not .casefold(): the server compares with lower(name), and casefold() turns "Straße" into
        # "strasse", which lower(name) ("straße") never contains.
        text = text.strip().lower()
        if text != self._filter:
            self._filter = text
            self._typing.start()  # the server is asked once typing pauses

    def set_facets(self, **facets: str | None) -> None:
        self._facets.update(facets)
        self.reload(None)

    def set_attention(self, counts: Mapping[int, int]) -> None:
        self._attention = dict(counts)
        if self._facets["attention"] or COLUMNS[self._sort[0]][1] == RANKED:
            self.reload(None)
        else:
            self._changed(0, self._known, ATTENTION)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) != self._sort:
            self._sort = (column, order)
            if self._generation:  # the window's first refresh reads the first page; the view sorts before it
                self.reload(None)

    # -- reading ----------------------------------------------------------------------------------------------------
    def reload(self, keep_id: int | None, *, count_all: bool = False) -> None:
        """Ask the server again: a new first page for a new query, or the pages held re-read (a refresh).
        `count_all`: the number of tenants may have changed (a registration): count them again. Nothing else does
        (a search, a sort, another operator's edit), and a count of 1,000,000 rows on every live-refresh batch is
        the slowest thing a team database's window would do."""
        if self._revealing is not None:
            tenant_id, on_missing, revealing = self._revealing
            self._revealing = None
            if revealing == self.query():  # a refresh meanwhile (the live refresh hears the registration)
                self.reveal(tenant_id, on_missing)  # would overtake the reveal's answer: read down to it again
                return
        self._total_stale = self._total_stale or count_all
        self._typing.stop()
        self._generation += 1
        generation, query = self._generation, self.query()
        waiting = set(self._pending)  # reads this reload's answer overtakes: asked again after a refresh
        self._pending.clear()
        fresh = query != self._shown_query or not self._pages
        if fresh:
            # Until the new first page is in, the pages shown belong to the old query: scrolling must not read more
            # of them under this generation (they would be taken for pages of the new answer).
            self._shown_query = None
            self._run(
                lambda: self._read(query, None, self.PAGE),
                self._if_current(generation, lambda page: self._first(query, [page], keep_id)),
                self._failed,
            )
            return
        held = [(p, self._anchors[p]) for p in sorted(self._pages)]
        self._run(
            lambda: [(p, self._read(query, after, self.PAGE)) for p, after in held],
            self._if_current(generation, lambda pages: self._refreshed(pages, keep_id, waiting)),
            self._failed,
        )

    def reveal(self, tenant_id: int, on_missing: Callable[[], None]) -> None:
        """The list as the query stands, read from its start, with `tenant_id` selected (a tenant just registered):
        pages are read forward until it is among them, at most as many as the window holds; a tenant farther down
        than that (a large platform) is `on_missing()`'s to show."""
        self._total_stale = True  # a registration: one tenant more
        self._typing.stop()
        self._generation += 1
        generation, query, keep = self._generation, self.query(), self.KEEP_PAGES
        self._revealing = (tenant_id, on_missing, query)
        self._shown_query = None  # as for a fresh answer: nothing read under the old query is taken for this one

        def read() -> tuple[list[TenantPage], bool]:
            pages: list[TenantPage] = []
            after = None
            while len(pages) < keep:
                pages.append(page := self._read(query, after, self.PAGE))
                if any(row.id == tenant_id for row in page.rows) or page.after is None:
                    break
                after = page.after
            return pages, any(row.id == tenant_id for row in pages[-1].rows)

        def done(got: tuple[list[TenantPage], bool]) -> None:
            self._revealing = None
            pages, found = got
            self._first(query, pages, tenant_id if found else None)
            if not found:
                on_missing()

        def failed(exc: Exception) -> None:
            self._revealing = None
            self._failed(exc)

        self._run(read, self._if_current(generation, done), failed)

    def _if_current(self, generation: int, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        """`fn` for an answer, unless the operator asked something else meanwhile."""

        def done(value: Any) -> None:
            if generation == self._generation:
                fn(value)

        return done

    def _first(self, query: ListQuery, pages: list[TenantPage], keep_id: int | None) -> None:
        """A new answer: its first pages (one, or those `reveal` read), each the next after the one before."""
        self.beginResetModel()
        self._shown_query = query
        self._pages = {p: TenantColumns.of(page.rows) for p, page in enumerate(pages)}
        self._anchors = [None, *(page.after for page in pages if page.after is not None)]
        self._known, self._more = sum(len(page.rows) for page in pages), pages[-1].after is not None
        self.endResetModel()
        self.reloaded.emit(keep_id)
        self._recount()
        if self._asked_meanwhile and self._more:  # the view was scrolled to the end while this was read
            self._asked_meanwhile = False
            self._request(len(self._anchors) - 1)

    def _refreshed(self, pages: list[tuple[int, TenantPage]], keep_id: int | None, waiting: set[int]) -> None:
        for p, page in pages:
            if p >= len(self._anchors):
                break  # an earlier page of this refresh was the last one
            self._pages[p] = TenantColumns.of(page.rows)
            last = p == len(self._anchors) - 1  # the final page (nothing more was left to read)
            if page.after is None:  # the end is here now (the final page, or the list shrank)
                del self._anchors[p + 1 :]
                self._resize(p * self.PAGE + len(page.rows), more=False)
            elif last:  # the final page filled up: more to read after it
                self._anchors.append(page.after)
                self._resize(p * self.PAGE + len(page.rows), more=True)
            else:
                self._anchors[p + 1] = page.after  # the next page starts after this one's rows as they are now
        self._pages = {p: cols for p, cols in self._pages.items() if p < len(self._anchors)}
        self._changed(0, self._known)
        self.reloaded.emit(keep_id)
        self._recount()
        for p in sorted(waiting - set(self._pages)):  # e.g. the next page the view asked for as this began
            self._request(p)

    def _resize(self, known: int, *, more: bool) -> None:
        if known > self._known:
            self.beginInsertRows(QModelIndex(), self._known, known - 1)
            self._known = known
            self.endInsertRows()
        elif known < self._known:
            self.beginRemoveRows(QModelIndex(), known, self._known - 1)
            self._known = known
            self.endRemoveRows()
        self._more = more

    def _request(self, p: int) -> None:
        if self._shown_query is None:  # a new answer is on its way: the view asks again once it is in
            self._asked_meanwhile = True
            return
        if p in self._pending or p >= len(self._anchors):
            return
        self._pending.add(p)
        generation, query, after = self._generation, self._shown_query, self._anchors[p]
        self._run(
            lambda: self._read(query, after, self.PAGE),
            self._if_current(generation, lambda page: self._arrived(p, page)),
            self._failed,
        )

    def _arrived(self, p: int, page: TenantPage) -> None:
        self._pending.discard(p)
        self._pages[p] = TenantColumns.of(page.rows)
        while len(self._pages) > self.KEEP_PAGES:  # the page farthest from this one goes
            del self._pages[max(self._pages, key=lambda k: abs(k - p))]
        if p == len(self._anchors) - 1:  # the next page after all read so far
            if page.after is not None:
                self._anchors.append(page.after)
            self._resize(p * self.PAGE + len(page.rows), more=page.after is not None)
        else:
            self._changed(p * self.PAGE, p * self.PAGE + len(page.rows))

    def _changed(self, first: int, end: int, column: int | None = None) -> None:
        end = min(end, self._known)
        if first < end:
            left, right = (0, len(COLUMNS) - 1) if column is None else (column, column)
            self.dataChanged.emit(self.index(first, left), self.index(end - 1, right))

    def _failed(self, _exc: Exception) -> None:
        # The connection dropped or the server refused: the list keeps what it shows; the live refresh reconnects
        # and reloads, and scrolling asks again.
        self._pending.clear()

    def _recount(self) -> None:
        generation, query, cap, filtered = self._generation, self._shown_query, self.COUNT_CAP, self.filtered()
        assert query is not None
        known = None if self._total_stale else self._all
        self._total_stale = False

        def counts() -> tuple[int, int]:
            every = known if known is not None else self._count(replace(ListQuery(), sort=query.sort), None)
            return every, self._count(query, cap) if filtered else every

        def done(got: tuple[int, int]) -> None:
            self._all = got[0]  # true whatever was asked meanwhile
            if generation == self._generation:
                self._matches = got[1]
                self.counted.emit()

        def failed(_exc: Exception) -> None:
            self._total_stale = self._total_stale or known is None  # the total was not counted: the next answer does

        self._run(counts, done, failed)

    # -- what the window reads ---------------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._more and len(self._anchors) - 1 not in self._pending

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if not parent.isValid():
            self._request(len(self._anchors) - 1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._known

    def _cell(self, row: int) -> tuple[TenantColumns, int] | None:
        p, i = divmod(row, self.PAGE)
        cols = self._pages.get(p)
        if cols is None:
            self._request(p)  # scrolled back to a page that was let go: read it again
            return None
        return (cols, i) if i < len(cols) else None

    def row_at(self, row: int) -> TenantRow | None:
        cell = self._cell(row) if 0 <= row < self._known else None
        return cell[0].row(cell[1]) if cell else None

    def row_of(self, tenant_id: int) -> int:
        for p, cols in self._pages.items():
            if tenant_id in cols.id:
                return p * self.PAGE + cols.id.index(tenant_id)
        return -1

    def total(self) -> int:
        """Every tenant (counted on the server), or the rows read so far until the count is in."""
        return self._all if self._all is not None else self._known

    def pages_held(self) -> int:
        return len(self._pages)

    def count_text(self) -> str:
        if self._matches is None or self._all is None:
            return tr("{0}+ tenants (loading…)").format(self._known)
        if not self.filtered():
            return tr("1 tenant") if self._all == 1 else tr("{0} tenants").format(self._all)
        shown = f"{self.COUNT_CAP}+" if self._matches > self.COUNT_CAP else str(self._matches)
        return tr("{0} of {1} tenants").format(shown, self._all)


def attach(window) -> PagedTenantModel:
    """The paged model for a main window on a team database, wired to its runner, selection and count label."""
    services, session = window.services, window.session

    def run(fn, on_done, on_error) -> None:
        window.runner.run(fn, owner=window, on_done=on_done, on_error=on_error)

    model = PagedTenantModel(
        run,
        lambda query, after, limit: services.tenants.page(session, after=after, limit=limit, query=query),
        lambda query, cap: services.tenants.count(session, query, cap=cap),
        window,
    )

    def shown(keep_id: int | None) -> None:
        # Keep the tenant the tabs show when the new answer holds it; else the first row, unless it has edits.
        keep = keep_id if keep_id is not None else window._shown_id
        row = model.row_of(keep) if keep is not None else -1
        if row < 0 and model.rowCount() > 0 and not window.has_unsaved_changes():
            row = 0
        if row >= 0 and row != window.table.currentIndex().row():
            window.table.selectRow(row)
            window.table.scrollTo(model.index(row, 0))
        window._update_count()

    def counted() -> None:
        first = not window.loaded
        window.loaded = True
        window._update_count()
        if first:
            window.list_loaded.emit()

    model.reloaded.connect(shown)
    model.counted.connect(counted)
    return model


def locate(window, tenant_id: int) -> None:
    """Show a tenant that may not be among the pages held (a new one, one opened from the attention board): search
    for its slug on the server and select it in the answer."""

    def found(details) -> None:
        window.search.blockSignals(True)  # noqa: FBT003 - Qt's API takes no keywords
        window.search.setText(details.slug)
        window.search.blockSignals(False)  # noqa: FBT003
        window.model.set_filter(details.slug)
        window.model.reload(tenant_id)

    window.runner.run(window.services.tenants.get, window.session, tenant_id, owner=window, on_done=found)
