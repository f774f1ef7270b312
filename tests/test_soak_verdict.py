"""The soak's verdict (ui/soak.py), which the packaged self-test and the soak benchmark print: on Python 3.11 the
counts of None/True/False show PySide6 6.12.0's defect; on 3.12+ they are immortal and meaningless, so the verdict
judges a mortal probe object carried through a worker result at every selection, and says which it checked."""

from __future__ import annotations

import pytest

from billing_desktop.ui.soak import RoundStats, Soak, checked, verdict

pytestmark = pytest.mark.gui


def stats(*, refcounts=(5000, 3000, 3000), probe_refs=2, carried=0, selections=0) -> RoundStats:
    return RoundStats(
        selections=selections,
        rss_kib=100_000,
        objects=50_000,
        refcounts=refcounts,
        probe_refs=probe_refs,
        carried=carried,
        pending=0,
    )


def rounds(last: RoundStats) -> list[RoundStats]:
    return [stats(), stats(carried=10, selections=10), last]


def test_mortal_singletons_are_judged_where_they_are_mortal_only():
    drained = rounds(stats(refcounts=(1000, 3000, 3000), carried=20, selections=20))
    assert any("references to None fell" in p for p in verdict(drained, immortal=False))
    assert verdict(drained, immortal=True) == []  # on 3.12+ the figure means nothing, so it is not judged
    assert checked(drained, immortal=False).startswith("refcounts None/True/False (5000, 3000, 3000) -> (1000,")
    assert checked(drained, immortal=True).startswith("None/True/False are immortal on Python 3.")


@pytest.mark.parametrize("immortal", [False, True])
def test_a_probe_whose_count_moves_is_a_problem_on_every_python(immortal):
    leaked = rounds(stats(probe_refs=2 + 10, carried=20, selections=20))
    assert any("refcount of an object carried in 10 results moved from 2 to 12" in p for p in verdict(leaked))
    assert "an object carried in 10 background results: 2 -> 12 references" in checked(leaked, immortal=immortal)
    flat = rounds(stats(carried=20, selections=20))
    assert verdict(flat, immortal=immortal) == []
    unseen = rounds(stats(carried=10, selections=20))  # selections made, yet no result carried the probe
    assert any("saw nothing" in p for p in verdict(unseen, immortal=immortal))


def test_a_real_soak_carries_the_probe_and_its_count_comes_back(qtbot, open_main_window, operator, acme, globex):
    """Two rounds over the real window: every selection sends the probe through a pool thread and back."""
    win = open_main_window(operator, ready=lambda w: w.model.rowCount() == 2 and w.overview.details is not None)
    done: list[list[RoundStats]] = []
    soak = Soak(win, 2)
    soak.finished.connect(done.append)
    soak.start()
    qtbot.waitUntil(lambda: bool(done), timeout=120_000)
    result = done[0]
    first, last = result[1], result[-1]
    assert last.carried == last.selections == 2 * first.selections > 0  # one probe per selection, all came back
    assert abs(last.probe_refs - first.probe_refs) <= 5
    assert not [p for p in verdict(result, rss_budget=1.0) if "refcount" in p or "probe" in p]
    assert f"an object carried in {last.carried - first.carried} background results" in checked(result)
