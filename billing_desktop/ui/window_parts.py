"""Small parts of the main window: tabs that scroll instead of widening it, and the idle-lock activity filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QInputEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class ActivityFilter(QObject):
    """Any key press or click anywhere in the app counts as activity for the idle lock."""

    def __init__(self, on_activity, parent):
        super().__init__(parent)
        self.on_activity = on_activity

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        # Every event of the app passes here: the isinstance test is six times cheaper than event.type(), which
        # builds a Python enum (about 0.1 s of the sign-in to the main window went to it).
        if isinstance(event, QInputEvent) and event.type() in _ACTIVITY:
            self.on_activity()
        return False


class ScrollingTabs(QTabWidget):
    """Each page sits in a scroll area, so the window can be narrower than the widest page (a laptop screen);
    the page methods below answer with the pages themselves, not their scroll areas."""

    def addTab(self, page: QWidget, *label: Any) -> int:  # noqa: N802 - the label, or an icon and the label
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        return super().addTab(area, *label)

    def widget(self, index):
        w = super().widget(index)
        return w.widget() if isinstance(w, QScrollArea) else w

    def currentWidget(self):  # noqa: N802
        return self.widget(self.currentIndex())

    def indexOf(self, page):  # noqa: N802
        return next((i for i in range(self.count()) if self.widget(i) is page), -1)

    def setCurrentWidget(self, page) -> None:  # noqa: N802
        self.setCurrentIndex(self.indexOf(page))


def focus_first(page) -> bool:
    """Give focus to the first widget in `page` that Tab would reach; False if there is none."""
    from PySide6.QtCore import Qt

    w = page.nextInFocusChain()
    while w is not None and w is not page:
        if (
            page.isAncestorOf(w)
            and w.isVisible()
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        ):
            w.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        w = w.nextInFocusChain()
    return False


class SearchKeys(QObject):
    """Down (or Enter) in the search box moves into the list, at its current or first row."""

    def __init__(self, table, parent):
        super().__init__(parent)
        self.table = table

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        from PySide6.QtCore import Qt

        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Down,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            if self.table.model().rowCount() == 0:
                return False
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False


class LazyPages(QObject):
    """Tab pages built on first view, or on first use from code (`get`): signing in builds only the page on
    screen, not five pages of some 180 widgets. An unbuilt page is an empty placeholder in its scroll area; `get`
    builds it, puts it in the placeholder's place and calls `on_built(name, page)` (to hand it the tenant chosen
    meanwhile)."""

    def __init__(self, tabs: ScrollingTabs, on_built, parent: QObject):
        super().__init__(parent)
        self.tabs = tabs
        self.on_built = on_built
        self._make: dict[str, Any] = {}
        self._built: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._current_changed)  # connected first: the page exists for later slots

    def add(self, name: str, make, *label: Any) -> None:
        """`label` empty: not a tab (a role that may not see it); built when code asks for it."""
        self._make[name] = make
        if label:
            holder = QWidget()
            holder.setObjectName(f"unbuilt_{name}")
            self._holders[name] = holder
            self.tabs.addTab(holder, *label)

    def get(self, name: str) -> Any:
        page = self._built.get(name)
        if page is None:
            page = self._built[name] = self._make[name]()
            holder = self._holders.pop(name, None)
            if holder is not None:
                area = QTabWidget.widget(self.tabs, self.tabs.indexOf(holder))
                assert isinstance(area, QScrollArea)  # ScrollingTabs puts each page in one
                area.setWidget(page)  # the scroll area deletes the placeholder
            self.on_built(name, page)
        return page

    def built(self, name: str) -> Any:
        """The page if it was built, else None (an unbuilt page is not on screen and holds no edits)."""
        return self._built.get(name)

    def built_pages(self) -> dict[str, Any]:
        return dict(self._built)

    def is_current(self, name: str) -> bool:
        page = self._built.get(name)
        return page is not None and self.tabs.currentWidget() is page

    def _current_changed(self, index: int) -> None:
        shown = self.tabs.widget(index)
        name = next((n for n, holder in self._holders.items() if holder is shown), None)
        if name is not None:
            self.get(name)
