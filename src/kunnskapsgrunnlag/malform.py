"""The written form of a deck (målform): bokmål or nynorsk, chosen the way the Language Act says.

A municipality that has chosen a form gets it. A language-neutral one (`Nøytral`) gets the form
of its statsforvalter office's majority: the form more than half of the office's municipalities
have chosen (språklova's rule for regional state bodies), else bokmål. The majority is computed
from the registry, never hard-coded, so a change in the registry changes the choice.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import TYPE_CHECKING

from .errors import LookupFailed

if TYPE_CHECKING:
    from .model import Kommune
    from .registry import Registry


class Malform(StrEnum):
    BOKMAL = "bokmal"
    NYNORSK = "nynorsk"

    @property
    def label(self) -> str:
        """The form's own name, as a presenter reads it."""
        return "bokmål" if self is Malform.BOKMAL else "nynorsk"

    @property
    def suffix(self) -> str:
        """The infix of the content files in this form: `x.nn.yaml`, `x.nn.md`; bokmål has none."""
        return "" if self is Malform.BOKMAL else ".nn"


# The registry's `k_language` values.
_REGISTRY_FORMS = {"Bokmål": Malform.BOKMAL, "Nynorsk": Malform.NYNORSK}
_NAMES = {
    "bokmal": Malform.BOKMAL,
    "bokmål": Malform.BOKMAL,
    "nb": Malform.BOKMAL,
    "nynorsk": Malform.NYNORSK,
    "nn": Malform.NYNORSK,
}


def parse_malform(text: str) -> Malform:
    """`nynorsk`, `nn`, `bokmål`, `bokmal`, `nb` (any case); anything else raises LookupFailed."""
    found = _NAMES.get(text.strip().casefold())
    if found is None:
        raise LookupFailed(f"ukjend målform {text!r}: bruk nynorsk eller bokmal")
    return found


def office_majority(office_kommuner: list[Kommune]) -> Malform:
    """The form more than half of these municipalities have chosen, else bokmål."""
    counts = Counter(_REGISTRY_FORMS.get(k.malform) for k in office_kommuner)
    total = len(office_kommuner)
    for form in (Malform.NYNORSK, Malform.BOKMAL):
        if total and counts[form] * 2 > total:
            return form
    return Malform.BOKMAL


def choose_malform(kommune: Kommune | None, registry: Registry) -> Malform:
    """The form of a deck for `kommune` (None: the national deck, bokmål)."""
    if kommune is None:
        return Malform.BOKMAL
    chosen = _REGISTRY_FORMS.get(kommune.malform)
    if chosen is not None:
        return chosen
    office = next((o for o in registry.offices if o.navn == kommune.statsforvalter), None)
    if office is None:
        return Malform.BOKMAL
    return office_majority(registry.kommuner_for_office(office))
