"""A small rich-text model shared by the notes pane, slide text and the notes document.

Markdown (via markdown-it-py) becomes paragraphs of runs; each output format draws those.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    level: int = 0
    bullet: str | None = None  # "•" for bullet lists, "3." for ordered lists
    quote: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


_MD = MarkdownIt("commonmark", {"html": False})


def inline_runs(text: str) -> tuple[Run, ...]:
    """Inline Markdown (bold, italic, links) of one line of slide text."""
    tokens = _MD.parseInline(text)
    return _runs(tokens[0].children or []) if tokens else ()


def markdown_paragraphs(text: str) -> list[Paragraph]:
    """Block Markdown (paragraphs, lists, block quotes) as a flat list of paragraphs."""
    paragraphs: list[Paragraph] = []
    lists: list[list] = []  # stack of [kind, counter]
    quote_depth = 0
    pending_bullet: str | None = None
    for token in _MD.parse(text):
        if token.type == "bullet_list_open":
            lists.append(["bullet", 0])
        elif token.type == "ordered_list_open":
            lists.append(["ordered", int(token.attrGet("start") or 1) - 1])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            kind = lists[-1]
            kind[1] += 1
            pending_bullet = "•" if kind[0] == "bullet" else f"{kind[1]}."
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "inline":
            for runs in _split_hard_breaks(_runs(token.children or [])):
                paragraphs.append(
                    Paragraph(runs, level=max(len(lists) - 1, 0), bullet=pending_bullet, quote=quote_depth > 0)
                )
                pending_bullet = None
    return paragraphs


def _runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    url: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            url = str(child.attrGet("href") or "")
        elif kind == "link_close":
            url = None
        elif kind in ("text", "code_inline"):
            _append(runs, Run(child.content, bold > 0, italic > 0, url))
        elif kind == "softbreak":
            _append(runs, Run(" ", bold > 0, italic > 0, url))
        elif kind == "hardbreak":
            runs.append(Run("\n"))
    return tuple(runs)


def _append(runs: list[Run], run: Run) -> None:
    if (
        runs
        and (runs[-1].bold, runs[-1].italic, runs[-1].url) == (run.bold, run.italic, run.url)
        and runs[-1].text != "\n"
    ):
        runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic, run.url)
    else:
        runs.append(run)


def _split_hard_breaks(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    lines: list[list[Run]] = [[]]
    for run in runs:
        if run.text == "\n":
            lines.append([])
        else:
            lines[-1].append(run)
    return [tuple(line) for line in lines if line]


def plain_text(text: str) -> str:
    """Inline Markdown stripped to its text, for titles, alt text and measuring."""
    return "".join(run.text for run in inline_runs(text))
