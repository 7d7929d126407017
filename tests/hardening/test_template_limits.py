"""Class 4: templates and YAML cannot make the tool hang, exhaust memory or print a traceback."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.limits import MAX_TEMPLATE_SECONDS
from kunnskapsgrunnlag.render.templating import TemplateProblem, render_text

HOSTILE = {
    "{{ 'a' * 10**9 }}": "grensen er 200000",
    "{% for i in range(10**9) %}x{% endfor %}": "range() med 1000000000 tall",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}": "runder i løkker",
    "{% for c in 'x' * 90000 %}{% for d in 'y' * 90000 %}{% endfor %}{% endfor %}": "runder i løkker",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}": "nivåer dypt",
    "{% include 'annen.md' %}": "{% include %} er ikke tillatt",
    "{% import 'makroer' as m %}": "{% import %} er ikke tillatt",
    "{% extends 'base' %}": "{% extends %} er ikke tillatt",
    "{{ 'a' | center(10**9) }}": "grensen er 200000",
    "{{ 'a'.ljust(10**9) }}": "grensen er 200000",
    "{{ '{:>999999999}'.format(1) }}": "bredde over grensen",
    "{{ '%999999999d' % 1 }}": "bredde over grensen",
    "{{ 7 ** 100000000 }}": "er for stor",
    "{% set ns = namespace(x='ab') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}": "grensen er",
    "{{ 1 / 0 }}": "ZeroDivisionError",
    "{{ 'a' + 1 }}": "TypeError",
    "{{ x.__class__ }}": "malfeil",
    "{{ ''.__class__.__mro__ }}": "malfeil",
}


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_templates_fail_quickly_with_a_message(template):
    start = time.monotonic()
    with pytest.raises(TemplateProblem) as caught:
        render_text(template, {}, "title")
    assert HOSTILE[template] in caught.value.message
    assert time.monotonic() - start < MAX_TEMPLATE_SECONDS + 3


def test_ordinary_templates_still_work():
    assert render_text("{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 2 }} {{ [1, 2]|join('-') }}", {}, "t") == (
        "012 abab 1-2"
    )


def test_the_cli_reports_a_template_failure_at_file_and_line(tree):
    tree.write(
        "slides/00/poeng.yaml", "id: poeng\ntitle: Tre poenger\nlayout: bullets\nbullets:\n  - \"{{ 'a' * 10**9 }}\"\n"
    )
    tree.write("speaker_notes/00/forside.md", "Første linje.\n{% for i in range(10**9) %}x{% endfor %}\n")
    for command in (["check"], ["build", "--uten-notater", "--ut", str(tree.root / "ut")]):
        result = CliRunner().invoke(main, [*command, "--prosjekt", str(tree.root)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "slides/00/poeng.yaml:4: bullets: malen går over en grense" in result.output
        assert "speaker_notes/00/forside.md:2: malen går over en grense: range()" in result.output
    assert not (tree.root / "ut").exists()


BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@pytest.mark.parametrize(
    "where",
    ["slides/00/bombe.yaml", "bibliography/bombe.yaml", "data/statistikk/tall/bombe.yaml", "templates/theme.yaml"],
)
def test_a_yaml_alias_bomb_is_refused_quickly(tree, where):
    tree.write(where, BOMB)
    start = time.monotonic()
    result = CliRunner().invoke(main, ["check", "--prosjekt", str(tree.root)])
    assert time.monotonic() - start < 30
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "utvides til mer enn" in result.output


def test_a_recursive_yaml_anchor_is_refused(tree):
    tree.write("recipes/rekursiv.yaml", "a: &a [1, *a]\n")
    result = CliRunner().invoke(main, ["check", "--prosjekt", str(tree.root)])
    assert result.exit_code == 1 and "recipes/rekursiv.yaml:1: YAML-feil" in result.output
