"""The registry: municipalities, counties and statsforvalter offices, with forgiving look-ups."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import KunnskapsgrunnlagError, LookupFailed
from .model import Fylke, Kommune
from .suggest import closest


@dataclass(frozen=True)
class Statsforvalter:
    navn: str
    kortnavn: str
    fylker: tuple[str, ...]


class Registry:
    def __init__(self, kommuner: tuple[Kommune, ...], fylker: tuple[Fylke, ...], offices: tuple[Statsforvalter, ...]):
        self.kommuner = kommuner
        self.fylker = fylker
        self.offices = offices

    @cached_property
    def _by_number(self) -> dict[str, Kommune]:
        return {k.nummer: k for k in self.kommuner}

    def kommune(self, query: str) -> Kommune:
        """By number (`4003`, `301`) or name (`Skien`, `Herøy (Nordland)`, `Herøy 18`)."""
        query = query.strip()
        if query.isdecimal():
            number = query.zfill(4)
            if number in self._by_number:
                return self._by_number[number]
            hints = _nearest_numbers(number, list(self._by_number))
            described = ", ".join(f"{h} {self._by_number[h].navn}" for h in hints)
            raise LookupFailed(f"ukjent kommunenummer {query!r}" + (f"; nærmeste: {described}" if hints else ""))
        name, county = _split_county(query)
        matches = [k for k in self.kommuner if _fold(k.navn) == _fold(name)]
        if county:
            matches = [k for k in matches if county in (k.fylke.nummer, _fold(k.fylke.navn))]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            options = ", ".join(f"{k.nummer} {k.navn} ({k.fylke.navn})" for k in matches)
            raise LookupFailed(f"{query!r} finnes i flere fylker: {options}; bruk kommunenummeret")
        names = {k.navn: k for k in self.kommuner}
        hints = closest(name, names)
        described = ", ".join(f"{names[h].nummer} {h}" for h in hints)
        raise LookupFailed(f"ukjent kommune {query!r}" + (f"; mente du {described}?" if hints else ""))

    def fylke(self, query: str) -> Fylke:
        query = query.strip()
        for fylke in self.fylker:
            if query.zfill(2) == fylke.nummer or _fold(query) == _fold(fylke.navn):
                return fylke
        hints = closest(query, [f.navn for f in self.fylker] + [f.nummer for f in self.fylker])
        raise LookupFailed(f"ukjent fylke {query!r}" + (f"; mente du {', '.join(hints)}?" if hints else ""))

    def office(self, query: str) -> Statsforvalter:
        folded = _fold(query)
        for office in self.offices:
            if (
                folded in (_fold(office.navn), _fold(office.kortnavn))
                or folded in _fold(office.navn).split(" i ", 1)[-1:]
            ):
                return office
        hints = closest(query, [o.kortnavn for o in self.offices])
        raise LookupFailed(
            f"ukjent statsforvalter {query!r}"
            + (f"; mente du {', '.join(hints)}?" if hints else "")
            + f" (kjente: {', '.join(o.kortnavn for o in self.offices)})"
        )

    def kommuner_i_fylke(self, fylke: Fylke) -> list[Kommune]:
        return [k for k in self.kommuner if k.fylke == fylke]

    def kommuner_for_office(self, office: Statsforvalter) -> list[Kommune]:
        return [k for k in self.kommuner if k.fylke.nummer in office.fylker]


def _nearest_numbers(number: str, candidates: list[str], n: int = 3) -> list[str]:
    """Numbers sharing the longest prefix (the county), then the numerically closest."""

    def score(candidate: str) -> tuple[int, int]:
        shared = next(
            (i for i, (a, b) in enumerate(zip(number, candidate, strict=False)) if a != b),
            min(len(number), len(candidate)),
        )
        return (-shared, abs(int(candidate) - int(number)))

    return sorted(candidates, key=score)[:n]


def _split_county(query: str) -> tuple[str, str | None]:
    if query.endswith(")") and "(" in query:
        name, county = query[:-1].split("(", 1)
        return name.strip(), _fold(county.strip()) if not county.strip().isdecimal() else county.strip().zfill(2)
    parts = query.rsplit(" ", 1)
    if len(parts) == 2 and parts[1].isdecimal() and len(parts[1]) <= 2:
        return parts[0], parts[1].zfill(2)
    return query, None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def load_registry(folder: Path) -> Registry:
    from .limits import MAX_DATA_FILE_BYTES
    from .load.contentfile import UnreadableFile, read_content_file
    from .load.yamlsource import YamlSyntaxError, parse_yaml

    root = folder.parent.parent  # <project>/data/registry

    def read(name: str) -> str:
        return read_content_file(folder / name, root, MAX_DATA_FILE_BYTES)

    try:
        raw_fylker = json.loads(read("fylker.json"))
        raw_kommuner = json.loads(read("kommuner.json"))
        raw_offices = parse_yaml(read("statsforvaltere.yaml"), str(folder / "statsforvaltere.yaml"))
    except UnreadableFile as exc:
        raise KunnskapsgrunnlagError(f"registeret kunne ikke leses: {exc.problem}") from exc
    except YamlSyntaxError as exc:
        raise KunnskapsgrunnlagError(f"registeret kunne ikke leses: {exc.problem}") from exc
    except (OSError, ValueError) as exc:
        raise KunnskapsgrunnlagError(f"{folder}: registeret kunne ikke leses: {exc}") from exc
    try:
        fylker = {f["f_id"]: Fylke(f["f_id"], f["f_name"]) for f in raw_fylker}
        offices = tuple(Statsforvalter(o["navn"], o["kortnavn"], tuple(o["fylker"])) for o in raw_offices)
        office_of = {number: o.navn for o in offices for number in o.fylker}
        kommuner = tuple(
            Kommune(
                nummer=k["k_id"],
                navn=k.get("k_name_no") or k["k_name"],
                fylke=fylker[k["k_id"][:2]],
                statsforvalter=office_of[k["k_id"][:2]],
                malform=k.get("k_language", ""),
                innbyggere=k.get("k_population"),
            )
            for k in raw_kommuner
        )
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise KunnskapsgrunnlagError(
            f"{folder}: registeret har ikke den ventede formen ({type(exc).__name__}: {exc}); "
            "forventet fylker.json, kommuner.json og statsforvaltere.yaml som i data/registry/"
        ) from exc
    return Registry(tuple(sorted(kommuner, key=lambda k: k.nummer)), tuple(fylker.values()), offices)
