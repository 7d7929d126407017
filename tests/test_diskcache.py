from __future__ import annotations

from kunnskapsgrunnlag import diskcache

CHART = diskcache.PNG_SIGNATURE + b"chart" + b"IEND\xaeB`\x82"  # what the cache checks of a PNG


def test_memo_keeps_results_between_calls_only_when_configured(tmp_path):
    calls = []

    def produce() -> bytes:
        calls.append(1)
        return CHART

    try:
        diskcache.configure(None)
        assert diskcache.memo("charts", "a", produce) == CHART
        assert diskcache.memo("charts", "a", produce) == CHART
        assert len(calls) == 2, "without a folder nothing is cached"
        diskcache.configure(tmp_path)
        assert diskcache.memo("charts", "a", produce, ".png") == CHART
        assert diskcache.memo("charts", "a", produce, ".png") == CHART
        assert diskcache.memo("charts", "b", produce, ".png") == CHART
        assert len(calls) == 4, "a key is produced once, another key again"
        assert len(list((tmp_path / "charts").glob("*.png"))) == 2
    finally:
        diskcache.configure(None)
