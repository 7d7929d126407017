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


def test_skeletons_kept_on_disk_give_the_same_bytes_and_heal_when_damaged(project, catalogue, tmp_path):
    """A later run fills skeletons drawn by an earlier one (a batch's other process, or yesterday's
    run); a damaged skeleton entry is drawn again, and the decks are the very bytes of a full render."""
    options = render_options(project)
    registry = registry_for(project)
    store = project_statistics_or_none(project.root)
    recipe = find_recipe(catalogue, "hvorfor-samordning")
    cache = tmp_path / "cache"
    numbers = ("4003", "1804", "1151")

    def run(out: str) -> dict[str, bytes]:
        renderer = IncrementalRenderer(options, cache)
        built = {}
        for number in numbers:
            deck = build_one(
                project,
                catalogue,
                recipe,
                registry.kommune(number),
                options,
                tmp_path / out,
                statistics=store,
                renderer=renderer.render,
            )
            built[number] = deck.path.read_bytes()
        return built

    first = run("first")
    skeletons = [p for p in (cache / "skeletons").iterdir() if not p.name.endswith(".lock")]
    assert skeletons, "skeleton slides are kept on disk"
    assert run("second") == first
    for path in skeletons:
        path.write_bytes(path.read_bytes()[:-20])  # torn
    assert run("third") == first
    for number in numbers:
        full = build_one(
            project, catalogue, recipe, registry.kommune(number), options, tmp_path / "full", statistics=store
        )
        assert full.path.read_bytes() == first[number], number
