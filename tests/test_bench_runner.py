"""benchmarks/run.py keeps every figure a long run measured: rows are written to the JSON as they come, so a
benchmark that crashes at its last step (the 100,000-tenant vault run did, after 70 minutes) leaves the others."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rows_measured_before_a_crash_are_in_the_json(tmp_path, monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import run  # benchmarks/run.py
    from common import Row

    written: list[list[str]] = []
    out = tmp_path / "results.json"

    def crashing(*, quick: bool = False):
        yield Row("first step", "1 s", "—", None, "reported", ok=True)
        written.append([r["name"] for r in json.loads(out.read_text())["benchmarks"]["long"]["rows"]])
        yield Row("second step", "2.0 ms", "1.0 ms", 2.0, "≤ 1.2x", ok=False)
        raise RuntimeError("the last step crashed")

    monkeypatch.setitem(run.BENCHES, "long", crashing)
    assert run.main(["long", "--json", str(out)]) == 2
    assert written == [["first step"]]  # on disk before the next step began
    result = json.loads(out.read_text())
    assert [r["name"] for r in result["benchmarks"]["long"]["rows"]] == ["first step", "second step"]
    assert "the last step crashed" in result["benchmarks"]["long"]["error"]
    assert (result["missed"], result["crashed"]) == (1, 1)
    assert "| first step | 1 s |" in capsys.readouterr().out
    sys.modules.pop("run", None)
