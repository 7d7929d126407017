"""Both editions spell-checked with hunspell (nn_NO and nb_NO), with a reviewed allowlist."""

from __future__ import annotations

import importlib.util
import os

import pytest

from tests.conftest import ROOT


def spelling_module():
    spec = importlib.util.spec_from_file_location("spelling", ROOT / "scripts" / "spelling.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spelling():
    module = spelling_module()
    if not module.available():
        if os.environ.get("CI"):
            pytest.fail("hunspell with nn_NO and nb_NO is required in CI (scripts/setup.sh installs it)")
        pytest.skip("hunspell with nn_NO and nb_NO is not installed (scripts/setup.sh installs it)")
    return module


@pytest.mark.parametrize("malform", ["nynorsk", "bokmal"])
def test_every_word_of_the_edition_is_in_its_dictionary(spelling, malform):
    assert spelling.unknown_words(spelling.edition_texts(ROOT, malform), malform, ROOT) == {}


def test_the_check_catches_bokmal_words_in_nynorsk_text(spelling):
    text = "Kommunane må vite korleis dei kan samarbeide, men ikke hvordan det gjøres."
    found = spelling.unknown_words({"prøve": text}, "nynorsk", ROOT)
    assert set(found["prøve"]) >= {"ikke", "hvordan", "gjøres"}
    assert "korleis" not in found["prøve"]


def test_quotations_titles_and_templates_are_not_judged(spelling):
    cleaned = spelling._strip("Ho sa: «Vi må ikke gi opp». {{ kommune.navn }} https://fafo.no/ikke\n> hvordan ikke")
    assert "ikke" not in cleaned and "hvordan" not in cleaned and "kommune" not in cleaned
