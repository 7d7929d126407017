from __future__ import annotations

from kunnskapsgrunnlag import diskcache


def test_memo_keeps_results_between_calls_only_when_configured(tmp_path):
    calls = []

    def produce() -> bytes:
        calls.append(1)
        return b"chart"

    try:
        diskcache.configure(None)
        assert diskcache.memo("charts", "a", produce) == b"chart"
        assert diskcache.memo("charts", "a", produce) == b"chart"
        assert len(calls) == 2, "without a folder nothing is cached"
        diskcache.configure(tmp_path)
        assert diskcache.memo("charts", "a", produce, ".png") == b"chart"
        assert diskcache.memo("charts", "a", produce, ".png") == b"chart"
        assert diskcache.memo("charts", "b", produce, ".png") == b"chart"
        assert len(calls) == 4, "a key is produced once, another key again"
        assert len(list((tmp_path / "charts").glob("*.png"))) == 2
    finally:
        diskcache.configure(None)
