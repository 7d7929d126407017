"""Close-match suggestions for names the user mistyped."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    pool = list(candidates)
    matches = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    if not matches:
        lowered = word.lower()
        matches = [c for c in pool if lowered and (lowered in c.lower() or c.lower().startswith(lowered))][:n]
    return matches


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    matches = closest(word, candidates)
    return f"; mente du {', '.join(repr(m) for m in matches)}?" if matches else ""
