"""Convert and check one YAML value against its field kind, reporting in the editor's terms."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..errors import Problem
from ..load.yamlsource import LocatedList, LocatedMap
from ..model import BulletItem, Column, Link


class FieldChecker:
    """Collects problems for one file while converting its values."""

    def __init__(self, display: str, problems: list[Problem]):
        self.display = display
        self.problems = problems

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.display, line, message))

    def text(self, value: Any, name: str, line: int) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        got = "tom tekst" if isinstance(value, str) or value is None else type_name(value)
        self.error(line, f"{name}: forventet tekst, fikk {got}")
        return None

    def integer(self, value: Any, name: str, line: int) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.error(line, f"{name}: forventet et heltall, fikk {type_name(value)}")
        return None

    def date(self, value: Any, name: str, line: int | None) -> date | None:
        """A calendar date written YYYY-MM-DD (the loader keeps dates as text)."""
        text = value.strip() if isinstance(value, str) else None
        if text and _DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        self.error(line, f"{name}: forventet en dato skrevet år-måned-dag, som 2026-11-28, fikk {type_name(value)}")
        return None

    def boolean(self, value: Any, name: str, line: int) -> bool:
        if isinstance(value, bool):
            return value
        self.error(line, f"{name}: forventet true eller false, fikk {value!r}")
        return False

    def texts(self, value: Any, name: str, line: int) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.error(line, f"{name}: forventet en liste, fikk {type_name(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            text = self.text(item, f"{name}[{i}]", _item_line(value, i, line))
            if text is not None:
                out.append(text)
        return tuple(out)

    def bullets(self, value: Any, name: str, line: int, max_items: int | None = None) -> tuple[BulletItem, ...]:
        if not isinstance(value, list) or not value:
            self.error(line, f"{name}: forventet en liste med minst ett punkt, fikk {type_name(value)}")
            return ()
        if max_items is not None and len(value) > max_items:
            self.error(line, f"{name}: høyst {max_items} punkter får plass, fikk {len(value)}")
        items = []
        for i, item in enumerate(value):
            item_line = _item_line(value, i, line)
            if isinstance(item, dict) and "text" not in item and len(item) == 1:
                self.error(
                    item_line,
                    f"{name}[{i}]: punktet inneholder «: » og ble lest som et oppslag; "
                    "sett hele punktet i anførselstegn",
                )
                continue
            if isinstance(item, dict):
                self.unknown(item, ("text", "sub"), f"{name}[{i}]")
                if "text" not in item:
                    self.error(item_line, f"{name}[{i}]: mangler feltet 'text'")
                    continue
                text = self.text(item["text"], f"{name}[{i}].text", _key_line(item, "text", item_line))
                sub = self.texts(item.get("sub", []), f"{name}[{i}].sub", _key_line(item, "sub", item_line))
                if text is not None:
                    items.append(BulletItem(text, sub))
            else:
                text = self.text(item, f"{name}[{i}]", item_line)
                if text is not None:
                    items.append(BulletItem(text))
        return tuple(items)

    def column(self, value: Any, name: str, line: int) -> Column | None:
        if not isinstance(value, dict):
            self.error(line, f"{name}: forventet feltene heading og text eller bullets, fikk {type_name(value)}")
            return None
        self.unknown(value, ("heading", "text", "bullets"), name)
        heading = self.text(value.get("heading"), f"{name}.heading", _key_line(value, "heading", line))
        has_text, has_bullets = "text" in value, "bullets" in value
        if has_text == has_bullets:
            self.error(line, f"{name}: forventet enten 'text' eller 'bullets' (ett av dem)")
            return None
        text = self.text(value["text"], f"{name}.text", _key_line(value, "text", line)) if has_text else None
        bullets = (
            self.bullets(value["bullets"], f"{name}.bullets", _key_line(value, "bullets", line), 8)
            if has_bullets
            else ()
        )
        return Column(heading or "", text, bullets) if heading else None

    def links(self, value: Any, name: str, line: int) -> tuple[Link, ...]:
        if not isinstance(value, list) or not value:
            self.error(line, f"{name}: forventet en liste med minst én lenke, fikk {type_name(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            item_line = _item_line(value, i, line)
            if not isinstance(item, dict):
                self.error(item_line, f"{name}[{i}]: forventet feltene label, url og text, fikk {type_name(item)}")
                continue
            self.unknown(item, ("label", "url", "text"), f"{name}[{i}]")
            label = self.text(item.get("label"), f"{name}[{i}].label", _key_line(item, "label", item_line))
            url = self.text(item.get("url"), f"{name}[{i}].url", _key_line(item, "url", item_line))
            if url and not url.startswith(("http://", "https://")):
                self.error(_key_line(item, "url", item_line), f"{name}[{i}].url: forventet http(s)://…, fikk {url!r}")
            text = (
                self.text(item["text"], f"{name}[{i}].text", _key_line(item, "text", item_line))
                if "text" in item
                else None
            )
            if label and url:
                out.append(Link(label, url, text))
        return tuple(out)

    def unknown(self, mapping: dict, allowed: tuple[str, ...], where: str = "") -> None:
        for key in mapping:
            if key not in allowed:
                prefix = f"{where}." if where else ""
                self.error(
                    _key_line(mapping, key, None),
                    f"{prefix}{key}: ukjent felt; tillatte felt er {', '.join(allowed)}",
                )


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def type_name(value: Any) -> str:
    if value is None:
        return "ingenting"
    return {
        "LocatedMap": "et oppslag (nøkkel: verdi)",
        "dict": "et oppslag (nøkkel: verdi)",
        "LocatedList": "en liste",
        "list": "en liste",
        "str": f"teksten {value!r}",
        "bool": f"{value!r}",
        "int": f"tallet {value!r}",
        "float": f"tallet {value!r}",
    }.get(type(value).__name__, type(value).__name__)


def _key_line(mapping: Any, key: str, default: int | None) -> int | None:
    if isinstance(mapping, LocatedMap):
        return mapping.key_lines.get(key, mapping.line)
    return default


def _item_line(seq: Any, index: int, default: int) -> int:
    return seq.line_of(index) if isinstance(seq, LocatedList) else default
