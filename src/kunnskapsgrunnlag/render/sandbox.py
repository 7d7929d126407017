"""A Jinja2 sandbox with bounds: what one template field may cost in output, loops, calls and time.

Jinja's own sandbox stops attribute escapes but not cost: `{{ 'a' * 10**9 }}`, nested loops,
a recursive macro or `{% include %}` would exhaust memory, hang or fail with a traceback. Here
every loop's iterable is wrapped (counted, with the clock checked), every call is counted and its
depth bounded, string-growing operators, methods and filters are checked before they allocate,
and the output is gathered piece by piece against its cap. A breach raises `TemplateLimit`.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from ..limits import (
    MAX_TEMPLATE_CALLS,
    MAX_TEMPLATE_DEPTH,
    MAX_TEMPLATE_ITERATIONS,
    MAX_TEMPLATE_OUTPUT_CHARS,
    MAX_TEMPLATE_SECONDS,
)


class TemplateLimit(SecurityError):
    """A template exceeded one of the bounds in limits.py."""


class _Budget:
    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS
        self.iterations = 0
        self.calls = 0
        self.depth = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"malen brukte mer enn {MAX_TEMPLATE_SECONDS:g} sekunder")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("template_budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # rendering outside `render_bounded` (e.g. a test): a budget of its own
        budget = _Budget()
        _BUDGET.set(budget)
    return budget


def _too_long(size: int) -> TemplateLimit:
    return TemplateLimit(f"malen lager en tekst på {size} tegn; grensen er {MAX_TEMPLATE_OUTPUT_CHARS}")


def _check_size(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple | dict | set) and len(value) > MAX_TEMPLATE_OUTPUT_CHARS:
        raise _too_long(len(value))
    return value


_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "truncate", "format"}
_BIG_WIDTH = re.compile(r"\d{7,}")


def _check_width_args(name: str, args: tuple, kwargs: dict) -> None:
    if name not in _WIDTH_METHODS:
        return
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_TEMPLATE_OUTPUT_CHARS:
            raise _too_long(value)


def _check_format_string(text: Any) -> None:
    if isinstance(text, str) and _BIG_WIDTH.search(text) and ("{" in text or "%" in text):
        raise TemplateLimit("formatstrengen ber om en bredde over grensen for malens tekst")


class _BoundedCodeGenerator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:  # `a ~ b`: checked when made
        self.write("environment.bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")


_FORBIDDEN = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class BoundedEnvironment(SandboxedEnvironment):
    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(undefined=StrictUndefined, **options)
        self.globals["range"] = _bounded_range

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(_FORBIDDEN):
            keyword = {nodes.Include: "include", nodes.Extends: "extends"}.get(type(node), "import")
            raise TemplateSyntaxError(
                f"{{% {keyword} %}} er ikke tillatt i lysbildetekst (maler kan ikke hente andre filer)",
                node.lineno,
                name,
                filename,
            )
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("bounded_iter", lineno=loop.lineno), [loop.iter], [], None, None
            ).set_lineno(loop.lineno)
        return tree

    @staticmethod
    def bounded_iter(iterable: Iterable[Any]) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.iterations += 1
            if budget.iterations > MAX_TEMPLATE_ITERATIONS:
                raise TemplateLimit(f"malen går mer enn {MAX_TEMPLATE_ITERATIONS} runder i løkker")
            budget.tick()
            yield item

    @staticmethod
    def bounded_text(value: Any) -> Any:
        return _check_size(value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _budget().tick()
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(count, int)
                    and len(seq) * count > MAX_TEMPLATE_OUTPUT_CHARS
                ):
                    raise _too_long(len(seq) * count)
        numbers = isinstance(left, int | float) and isinstance(right, int | float)
        if operator == "**" and numbers and abs(right) > 1000 and abs(left) not in (0, 1):
            raise TemplateLimit(f"potensen {left!r} ** {right!r} er for stor for en mal")
        if operator == "%":
            _check_format_string(left)
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        budget.calls += 1
        if budget.calls > MAX_TEMPLATE_CALLS:
            raise TemplateLimit(f"malen gjør mer enn {MAX_TEMPLATE_CALLS} kall")
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            _check_width_args(getattr(target, "__name__", ""), args, kwargs)
            if getattr(target, "__name__", "") in ("format", "format_map"):
                _check_format_string(owner)
        if budget.depth >= MAX_TEMPLATE_DEPTH:
            raise TemplateLimit(f"makroer kaller hverandre mer enn {MAX_TEMPLATE_DEPTH} nivåer dypt")
        budget.depth += 1
        try:
            return _check_size(super().call(__context, __obj, *args, **kwargs))
        finally:
            budget.depth -= 1


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_TEMPLATE_ITERATIONS:
        raise TemplateLimit(f"range() med {len(numbers)} tall; grensen er {MAX_TEMPLATE_ITERATIONS}")
    return numbers


def _bounded_filter(name: str, func: Any) -> Any:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _budget().tick()
        _check_width_args(name, args[1:], kwargs)
        return _check_size(func(*args, **kwargs))

    return wrapper


def bound_filters(environment: BoundedEnvironment) -> None:
    """Wrap every filter (built in and ours) so that what it makes is checked against the caps."""
    environment.filters = {name: _bounded_filter(name, f) for name, f in environment.filters.items()}


def render_bounded(template: Any, context: Any) -> str:
    """Render with a fresh budget; the output is gathered piece by piece against its cap."""
    token = _BUDGET.set(_Budget())
    try:
        budget = _budget()
        pieces: list[str] = []
        size = 0
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_TEMPLATE_OUTPUT_CHARS:
                raise _too_long(size)
            budget.tick()
            pieces.append(piece)
        return "".join(pieces)
    finally:
        _BUDGET.reset(token)
