"""Small JSON-stat 2.0 datasets shaped like SSB's answers, for the statistics hardening tests."""

from __future__ import annotations

import json
from pathlib import Path


def jsonstat(
    rows: dict[str, object],
    period: str = "2023",
    table: str = "13556",
    code: str = "NEETAndel",
    unit: str = "prosent",
    status: dict[str, str] | None = None,
) -> dict:
    regions = list(rows)
    data = {
        "version": "2.0",
        "class": "dataset",
        "label": f"Tabell {table}",
        "source": "Statistisk sentralbyrå",
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(regions), 1, 1],
        "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Region": {"category": {"index": {r: i for i, r in enumerate(regions)}, "label": {r: r for r in regions}}},
            "ContentsCode": {"category": {"index": {code: 0}, "label": {code: code}, "unit": {code: {"base": unit}}}},
            "Tid": {"category": {"index": {period: 0}, "label": {period: period}}},
        },
        "value": list(rows.values()),
        "extension": {"px": {"tableid": table}},
    }
    if status:
        data["status"] = status
    return data


def write_json(path: Path, data: dict, raw_text: str | None = None) -> Path:
    path.write_text(raw_text if raw_text is not None else json.dumps(data), encoding="utf-8")
    return path
