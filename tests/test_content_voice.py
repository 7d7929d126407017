"""The presenter's voice: a statsforvalter advisor must be able to speak every note as it stands.

The 2019 notes were written by Fafo, in Fafo's first person ("en modell vi har laget", "har vi
trukket fram", "sammen med oss"). Spoken by someone else, that "vi" claims Fafo's work. The rule
this test enforces, outside quotations (Markdown block quotes, «…» and quote fields, which stay
verbatim):

- Authorial first person is never used. "vi"/"oss" together with a verb of making, choosing,
  finding or showing the knowledge base ("vi har laget", "har vi trukket fram", "vi viser",
  "viste vi", "vi har omtalt", …) and the possessives "vår/vårt/våre" always speak as the authors.
  Fafo's work is named ("Fafo har …", "forskerne …", "presentasjonen viser …").
- "oss" after a preposition ("sammen med oss", "oppdraget til oss") is the authors' voice; the
  reflexive "oss" of the room ("la oss se", "vi kan tenke oss") stays allowed.
- The inclusive "vi" of a speaker and the audience stays allowed: "som vi har sett", "her ser vi",
  "vi kan samle dem i tre grupper". The audience saw the earlier slides too, so these imply no
  authorship. So does the generic "vi" of Norwegian public prose ("et begrep vi bruker ofte").

Also here: one spelling for two words the notes used both ways ("sammenligne", not
"sammenlikne"; "0-24-samarbeidet", the programme's own spelling, not "0–24").
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.conftest import ROOT

# Verbs by which authors speak of their own work. Present, past and participle forms.
AUTHORIAL_VERBS = (
    r"lag(?:er|et|de)|utvikl(?:er|et|a)|trekk(?:er)? fram|trukket fram|trakk fram|identifiser(?:er|t|te)"
    r"|valg(?:te|t)|velger|fant|funnet|finner at|analyser(?:er|t|te)|omtal(?:er|t|te)|presenter(?:er|t|te)"
    r"|beskriv(?:er|er)|beskrevet|beskrev|gjennomg(?:år|ått|ikk)|kartla(?:gt)?|intervju(?:er|et|a)"
    r"|vis(?:er|te)|vist|pek(?:er|te) på|pekt på|gir|ga|forklar(?:er|t|te)|bruker begrepet|bruker modellen"
)
FORBIDDEN = [
    re.compile(rf"\bvi (?:har |hadde )?(?:{AUTHORIAL_VERBS})\b", re.IGNORECASE),
    re.compile(rf"\b(?:har|hadde) vi (?:{AUTHORIAL_VERBS})\b", re.IGNORECASE),
    re.compile(rf"\b(?:{AUTHORIAL_VERBS}) vi\b", re.IGNORECASE),
    re.compile(r"\bvår(?:t|e)?\b", re.IGNORECASE),
    re.compile(r"\b(?:med|for|til|fra|hos|av|om|ved) oss\b", re.IGNORECASE),
]
QUOTED = re.compile(r"«[^»]*»")
SPELLINGS = {
    re.compile(r"\bsammenlikn", re.IGNORECASE): "skriv «sammenlign…», ikke «sammenlikn…»",
    # The programme is "0-24" (its own name, 0-24-samarbeidet); an age range keeps the en dash ("0–24 år").
    re.compile(r"\b0–24(?![\u00a0 ]år)"): "skriv «0-24» (som i navnet 0-24-samarbeidet), ikke «0–24»",
}
# Fields that hold verbatim text or no prose at all.
EXEMPT_FIELDS = {"quote", "attribution", "sources", "id", "layout", "url", "diagram", "indicator"}


def prose_lines(markdown: str) -> list[str]:
    """The note's own words: block quotes and «…» removed."""
    return [QUOTED.sub("«»", line) for line in markdown.splitlines() if not line.lstrip().startswith(">")]


def slide_prose(data: object, key: str = "") -> list[str]:
    if key in EXEMPT_FIELDS:
        return []
    if isinstance(data, str):
        return [QUOTED.sub("«»", data)]
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in slide_prose(v, str(k))]
    if isinstance(data, list):
        return [t for v in data for t in slide_prose(v, key)]
    return []


def first_person_authorship(text: str) -> list[str]:
    return [m.group(0) for pattern in FORBIDDEN for m in pattern.finditer(text)]


def content_texts(root: Path = ROOT) -> list[tuple[str, str]]:
    texts = []
    for path in sorted((root / "speaker_notes").rglob("*.md")):
        texts += [(str(path.relative_to(root)), line) for line in prose_lines(path.read_text(encoding="utf-8"))]
    for path in sorted((root / "slides").rglob("*.yaml")):
        if path.name == "sections.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [(str(path.relative_to(root)), text) for text in slide_prose(data)]
    return texts


def test_no_note_or_slide_speaks_as_fafo_in_the_first_person():
    found = [f"{where}: {hit!r}" for where, text in content_texts() for hit in first_person_authorship(text)]
    assert found == []


def test_the_voice_check_finds_authorial_forms_and_spares_the_room():
    authorial = [
        "Denne delen presenterer en modell vi har laget i arbeidet.",
        "Ut fra disse studiene har vi trukket fram syv forhold.",
        "Designet ble laget sammen med oss.",
        "I vår modell står barnet i sentrum.",
        "Flatø-utvalget, som vi har omtalt tidligere, fikk i oppgave …",
        "I delen om gjenstridige problemer viste vi at …",
        "Vi gir et kort sammendrag av kunnskapsgrunnlaget.",
    ]
    spoken = [
        "Som vi har sett tidligere, trenger barn ofte løsninger i grenseflatene.",
        "Her ser vi alle trinnene i samordningstrappen.",
        "Vi kan samle dem i tre grupper.",
        "La oss se nærmere på det enkelte barnet.",
        "På samme måte kan vi tenke oss en familie der alle får tjenester.",
        "Fafo har utviklet en modell med barnet i sentrum.",
    ]
    assert all(first_person_authorship(text) for text in authorial), [
        t for t in authorial if not first_person_authorship(t)
    ]
    assert [t for t in spoken if first_person_authorship(t)] == []


def test_quotations_keep_their_own_first_person():
    note = "> «Det er dette vi jobber med i 0-24 samarbeidet»\n\nSanner sa: «vi har laget en strategi».\n"
    assert [first_person_authorship(line) for line in prose_lines(note) if first_person_authorship(line)] == []


def test_one_spelling_of_sammenligne_and_0_24():
    found = [
        f"{where}: {advice}"
        for where, text in content_texts()
        for pattern, advice in SPELLINGS.items()
        if pattern.search(text)
    ]
    assert found == []
