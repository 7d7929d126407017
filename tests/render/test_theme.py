"""Text contrast of the theme: at least 4.5:1 (WCAG AA) wherever text sits on a background."""

from __future__ import annotations

import pytest

from kunnskapsgrunnlag.render.theme import load_theme

PAIRS = [
    ("text", "background"),
    ("heading", "background"),
    ("accent", "background"),
    ("muted", "background"),
    ("text", "panel"),
    ("heading", "panel"),
    ("muted", "panel"),
    ("divider_text", "divider_background"),
    ("divider_number", "divider_background"),
]


def luminance(hex_rgb: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_contrast_is_at_least_4_5(project, text, background):
    theme = load_theme(project.theme_file)
    ratio = contrast(theme.color(text), theme.color(background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_contrast_formula_matches_known_values():
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
