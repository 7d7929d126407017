"""Issue 3's guarantees about the content: complete, in our own words, figures kept."""

from __future__ import annotations

import importlib.util
import re

from tests.conftest import ROOT, require_shared


def fidelity_module():
    spec = importlib.util.spec_from_file_location("fidelity", ROOT / "scripts" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Issue 9 consolidated section 8's one slide per resource into two resource tables.
CONSOLIDATED = {
    "nettressurser": "ressurser-veiledere",
    "ressurs-fattigdom": "ressurser-veiledere",
    "ressurs-bolig": "ressurser-veiledere",
    "ressurs-folkehelse": "ressurser-veiledere",
    "ressurs-forebygging": "ressurser-veiledere",
    "ressurs-barnekonvensjonen": "ressurser-modeller",
    "ressurs-slt": "ressurser-modeller",
    "ressurs-salt": "ressurser-modeller",
    "ressurs-sko-studien": "ressurser-modeller",
    "ressurs-fhi-rapport": "ressurser-modeller",
}


def inventory_ids() -> list[str]:
    inventory = (require_shared() / "content-inventory.md").read_text(encoding="utf-8")
    ids: list[str] = []
    for line in inventory.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 5 and re.fullmatch(r"[a-z0-9-]+", cells[4]) and cells[1] not in ("#", "---"):
            slide_id = CONSOLIDATED.get(cells[4], cells[4])
            if slide_id not in ids:
                ids.append(slide_id)
    return ids


def test_every_slide_of_the_inventory_exists(catalogue):
    ids = inventory_ids()
    assert len(ids) >= 60
    missing = [i for i in ids if i not in catalogue.slides]
    assert missing == []


def test_full_deck_holds_the_inventory_in_order(full_deck):
    built = [entry.slide.id for entry in full_deck.deck.slides]
    ids = inventory_ids()
    assert [i for i in built if i in ids] == ids


def test_no_run_of_ten_words_is_copied_from_the_seeds():
    shared = require_shared()
    fidelity = fidelity_module()
    grams = fidelity.seed_ngrams(shared / "seeds")
    copied = []
    import yaml

    for path in sorted((ROOT / "slides").rglob("*.yaml")):
        for text in fidelity.slide_texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            copied += [f"{path.name}: {run}" for run in fidelity.copied_runs(text, grams)]
    for path in sorted((ROOT / "speaker_notes").rglob("*.md")):
        copied += [
            f"{path.name}: {run}"
            for run in fidelity.copied_runs(fidelity.note_text(path.read_text(encoding="utf-8")), grams)
        ]
    assert copied == []


def test_the_fidelity_check_can_fail():
    fidelity = fidelity_module()
    seed = "barn og unge med sammensatte vansker og problemer og som over tid har behov"
    grams = fidelity.ngrams(fidelity.words(seed))
    assert fidelity.copied_runs("Her står: " + seed, grams)
    assert fidelity.copied_runs(fidelity.note_text("> " + seed), grams) == []


# Figures of the original note, each in the notes of the slide it belongs to.
FIGURES = {
    "sitat-frafall": ["24,7 prosent", "2013", "86 000", "15–29", "0,3 prosentpoeng", "6,9 prosentpoeng"],
    "levekarsproblemer": ["4 prosent", "11 prosent", "2017", "10 prosent", "6–15", "13–15", "7 prosent", "2011"],
    "vellykket-oppvekstpolitikk": ["91 prosent", "1–5", "Ni av ti"],
    "risikofaktorer-eksempler": ["30 prosent", "20 prosent", "83 prosent", "51 prosent", "syv ganger"],
    "ressurser-modeller": ["200"],
    "case-holf": ["30 NAV-kontor"],
    "sintef-samhandlingstiltak": ["72"],
    "pilot-programfinansiering": [
        "Tolv",
    ],
}


def variants(figure: str) -> set[str]:
    """A range may be written "15–29", "15 til 29" or "mellom 15 og 29"."""
    figure = figure.lower()
    if re.fullmatch(r"\d+–\d+", figure):
        low, high = figure.split("–")
        return {figure, f"{low} til {high}", f"mellom {low} og {high}", f"{low}-{high}"}
    return {figure}


def test_figures_of_the_note_are_in_the_slides_notes(catalogue):
    missing = []
    for slide_id, figures in FIGURES.items():
        notes = " ".join(catalogue.slides[slide_id].notes.replace("\u00a0", " ").split())
        missing += [f"{slide_id}: {f}" for f in figures if not any(v in notes.lower() for v in variants(f))]
    assert missing == []


def test_typos_of_the_seed_are_fixed():
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "speaker_notes").rglob("*.md"))
    text += " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "slides").rglob("*.yaml"))
    text += (ROOT / "bibliography" / "kilder.yaml").read_text(encoding="utf-8")
    for typo in ("velferdsrab", "RBKU", "Fafos-rapport", "Havenes", "Mongstad"):
        assert typo not in text, typo


# Issue 14: the nynorsk notes follow the same voice rule as the bokmål ones (issue 11): the
# presenter never speaks as Fafo. First-person forms outside quotations are not allowed.
NN_FIRST_PERSON = re.compile(r"\b(vi|oss|vår|vårt|våre)\b", re.IGNORECASE)


def nn_first_person(markdown: str) -> list[str]:
    text = "\n".join(line for line in markdown.splitlines() if not line.lstrip().startswith(">"))
    text = re.sub(r"«[^»]*»", " ", text)
    return NN_FIRST_PERSON.findall(text)


def test_nynorsk_notes_do_not_speak_in_the_first_person():
    found = {
        path.name: hits
        for path in sorted((ROOT / "speaker_notes").rglob("*.nn.md"))
        if (hits := nn_first_person(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_nynorsk_first_person_check_can_fail():
    assert nn_first_person("Dette er vår modell, og vi viser oss fram.") == ["vår", "vi", "oss"]
    assert nn_first_person("> Vi må ha felles kunnskap\n«Vi må jobbe saman»") == []
