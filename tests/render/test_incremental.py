"""Rendering by difference gives the very bytes a full render gives, for every municipality."""

from __future__ import annotations

from kunnskapsgrunnlag.assemble import find_recipe
from kunnskapsgrunnlag.build import build_one, project_statistics_or_none, registry_for, render_options
from kunnskapsgrunnlag.render.incremental import IncrementalRenderer


def test_incremental_render_matches_full_render(project, catalogue, tmp_path):
    options = render_options(project)
    renderer = IncrementalRenderer(options)
    registry = registry_for(project)
    store = project_statistics_or_none(project.root)
    recipe = find_recipe(catalogue, "hvorfor-samordning")
    for number in ("4003", "4010", "4012", "0301", "1103", "5001", None):
        kommune = registry.kommune(number) if number else None
        fast = build_one(
            project, catalogue, recipe, kommune, options, tmp_path / "fast", statistics=store, renderer=renderer.render
        )
        full = build_one(project, catalogue, recipe, kommune, options, tmp_path / "full", statistics=store)
        assert fast.path.read_bytes() == full.path.read_bytes(), number
    assert renderer.full_renders == 1 and renderer.partial_renders == 6
    assert renderer.skeleton_hits > 0, "slides of the same shape are drawn once and filled in"
