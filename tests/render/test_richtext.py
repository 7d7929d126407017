from __future__ import annotations

from kunnskapsgrunnlag.render.filters import prosent, tall
from kunnskapsgrunnlag.render.richtext import Run, inline_runs, markdown_paragraphs


def test_inline_markdown_becomes_runs():
    assert inline_runs("Det **må** ikke gå *galt*") == (
        Run("Det "),
        Run("må", bold=True),
        Run(" ikke gå "),
        Run("galt", italic=True),
    )


def test_block_markdown_keeps_lists_quotes_and_links():
    paragraphs = markdown_paragraphs(
        "Innledning med <https://fafo.no>.\n\n- ett\n- to\n\n1. første\n\n> «Sitat»\n> (Kilde 2019)\n"
    )
    assert [p.text for p in paragraphs] == [
        "Innledning med https://fafo.no.",
        "ett",
        "to",
        "første",
        "«Sitat» (Kilde 2019)",
    ]
    assert paragraphs[0].runs[1].url == "https://fafo.no"
    assert [p.bullet for p in paragraphs] == [None, "•", "•", "1.", None]
    assert paragraphs[-1].quote


def test_norwegian_numbers():
    assert tall(86000) == "86\u00a0000"
    assert prosent(24.7) == "24,7 prosent"
    assert prosent(None) == "ikke tilgjengelig"
