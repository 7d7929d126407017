"""The user's choice (municipality, recipe, slides in order, build options), read from a request.

The whole choice lives in the page address, so a colleague's link opens the same selection.
Every value is checked against the site's catalogue and registry; anything unknown is an
`InvalidChoice` (HTTP 400), never passed on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from ..assemble import FULL_RECIPE_ID
from ..malform import Malform
from ..model import Kommune, Recipe, RecipeItem
from ..recipe_file import compact_items
from .site import SCRATCH, Site

MAX_SLIDES = 400  # far more than the catalogue holds; bounds what one request can cost


class InvalidChoice(ValueError):
    """A request named something the catalogue or registry does not know (shown as HTTP 400).

    `key` names the text in web/texts.py that tells the user what was wrong."""

    def __init__(self, key: str, **values: str):
        super().__init__(key)
        self.key, self.values = key, values


def parse_malform_field(raw: str | None) -> Malform | None:
    """The `malform` field: `bokmal` or `nynorsk` (the CLI's --malform values); empty: not chosen."""
    if not raw:
        return None
    try:
        return Malform(raw)
    except ValueError:
        raise InvalidChoice("bad_malform", value=raw[:40]) from None


@dataclass(frozen=True)
class BuildOptions:
    """What to make besides the deck. One field per option: the form, the job and the URL follow
    the dataclass, so a new option (e.g. målform) is one field here and one input in the form."""

    notater: bool = True  # the notes document, .docx and .pdf
    pdf: bool = False  # the deck as PDF too

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> BuildOptions:
        return cls(notater=form.get("notater") == "1", pdf=form.get("pdf") == "1")


@dataclass(frozen=True)
class Choice:
    kommune: Kommune
    recipe_id: str  # a recipe's id, or SCRATCH
    slide_ids: tuple[str, ...]
    edited: bool  # the slides differ from the recipe's
    malform: Malform = Malform.BOKMAL  # the deck's written form: the user's choice or the computed one
    default_malform: Malform = Malform.BOKMAL  # what `choose_malform` gives this municipality
    options: BuildOptions = field(default_factory=BuildOptions)

    def query(self, **extra: str) -> str:
        # The form is always in the address: a shared link keeps it even if the registry changes.
        params = {"kommune": self.kommune.nummer, "oppskrift": self.recipe_id, "malform": self.malform.value}
        if self.edited:
            params["lysbilder"] = ",".join(self.slide_ids)
        params.update(extra)
        return urlencode(params)

    def items(self, site: Site) -> tuple[RecipeItem, ...]:
        """The slides as recipe items: whole sections where the choice keeps one whole."""
        return tuple(compact_items(site.catalogue, list(self.slide_ids)))

    def recipe(self, site: Site) -> Recipe:
        """The recipe the build uses: the named one, or the recipe file "last ned oppskrift" gives,
        with its title in the deck's form."""
        base = site.recipes_in(self.malform)[self.base_recipe_id]
        if not self.edited:
            return base
        return Recipe("egendefinert", base.title, self.items(site))

    @property
    def base_recipe_id(self) -> str:
        return FULL_RECIPE_ID if self.recipe_id == SCRATCH else self.recipe_id


def parse_choice(site: Site, args: Mapping[str, str]) -> Choice:
    kommune = site.kommune(args.get("kommune"))
    if kommune is None:
        raise InvalidChoice("bad_kommune")
    computed = site.malform_of(kommune)
    malform = parse_malform_field(args.get("malform")) or computed
    recipe_id = args.get("oppskrift") or FULL_RECIPE_ID
    if recipe_id != SCRATCH and recipe_id not in site.recipes:
        raise InvalidChoice("bad_recipe")
    default = site.recipe_slides(recipe_id)
    raw = args.get("lysbilder")
    slide_ids = list(default) if raw is None else parse_slide_ids(site, raw)
    return Choice(kommune, recipe_id, tuple(slide_ids), slide_ids != default, malform, computed)


def parse_slide_ids(site: Site, raw: str) -> list[str]:
    ids = [s for s in raw.split(",") if s]
    if len(ids) > MAX_SLIDES:
        raise InvalidChoice("too_many")
    unknown = [s for s in ids if s not in site.catalogue.slides]
    if unknown:
        raise InvalidChoice("bad_slide")
    return list(dict.fromkeys(ids))  # each slide once, first place kept


def apply_action(site: Site, choice: Choice, action: str) -> Choice:
    """One edit from a button: `opp:ID`, `ned:ID`, `ut:ID`, `inn:ID`, `ut-seksjon:ID`, `inn-seksjon:ID`."""
    verb, _, ref = action.partition(":")
    ids = list(choice.slide_ids)
    section_ids = {s.id: s for s in site.catalogue.sections}
    if verb in ("opp", "ned", "ut", "inn") and ref not in site.catalogue.slides:
        raise InvalidChoice("bad_slide")
    if verb in ("ut-seksjon", "inn-seksjon") and ref not in section_ids:
        raise InvalidChoice("bad_section")
    if verb in ("opp", "ned"):
        if ref in ids:
            i = ids.index(ref)
            j = i - 1 if verb == "opp" else i + 1
            if 0 <= j < len(ids):
                ids[i], ids[j] = ids[j], ids[i]
    elif verb == "ut":
        ids = [s for s in ids if s != ref]
    elif verb == "inn":
        ids = _insert_in_place(site, ids, [ref])
    elif verb == "ut-seksjon":
        members = set(section_ids[ref].slide_ids)
        ids = [s for s in ids if s not in members]
    elif verb == "inn-seksjon":
        ids = _insert_in_place(site, ids, [s for s in section_ids[ref].slide_ids if s not in ids])
    else:
        raise InvalidChoice("bad_action")
    default = site.recipe_slides(choice.recipe_id)
    return replace(choice, slide_ids=tuple(ids), edited=ids != default)


def _insert_in_place(site: Site, ids: list[str], new: list[str]) -> list[str]:
    """Add slides where they belong in the catalogue's order: after the last included slide that
    comes before them in the catalogue (or first)."""
    order = [s for section in site.catalogue.sections for s in section.slide_ids]
    rank = {s: i for i, s in enumerate(order)}
    out = [s for s in ids]
    for slide_id in new:
        if slide_id in out:
            continue
        before = [i for i, s in enumerate(out) if rank.get(s, -1) < rank[slide_id]]
        out.insert(before[-1] + 1 if before else 0, slide_id)
    return out
