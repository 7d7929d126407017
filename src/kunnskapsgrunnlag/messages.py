"""The fixed text the audience and the presenter read, in each written form (målform).

Slide text and notes live in the content files; what the code itself writes on a slide, in a
chart, in the notes pane or in the notes document lives here, once per form. A key missing in
one form is a bug the tests catch (every key has both forms).
"""

from __future__ import annotations

from .malform import Malform

B, N = Malform.BOKMAL, Malform.NYNORSK

MESSAGES: dict[str, dict[Malform, str]] = {
    # The notes pane and the notes document.
    "sources_heading": {B: "Kilder:", N: "Kjelder:"},
    "contents": {B: "Innhold", N: "Innhald"},
    "notes_for_presentation": {B: "Notater til presentasjon", N: "Notat til presentasjon"},
    "national_edition": {B: "Nasjonal utgave", N: "Nasjonal utgåve"},
    "kommune_place": {B: "{navn} kommune ({nummer}), {fylke}", N: "{navn} kommune ({nummer}), {fylke}"},
    "slide_count": {B: "{n} lysbilder", N: "{n} lysbilete"},
    "slide_heading": {B: "Lysbilde {number}: {title}", N: "Lysbilete {number}: {title}"},
    "slide_label": {B: "Lysbilde {number}", N: "Lysbilete {number}"},
    "slide_picture_alt": {B: "Bilde av lysbilde {number}: {title}", N: "Bilete av lysbilete {number}: {title}"},
    "page": {B: "side", N: "side"},
    "closing": {B: "Til slutt", N: "Til slutt"},
    "notes_doc_about": {
        B: "For hvert lysbilde: et bilde av lysbildet, hjelpeteksten til den som presenterer, og kildene. "
        "Teksten står også i notatfeltet i presentasjonen. Alle lysbildene er låst, unntatt det siste, "
        "som er ditt eget.",
        N: "For kvart lysbilete: eit bilete av lysbiletet, hjelpeteksten til den som presenterer, og kjeldene. "
        "Teksten står òg i notatfeltet i presentasjonen. Alle lysbileta er låste, bortsett frå det siste, "
        "som er ditt eige.",
    },
    "notes_doc_source_note": {
        B: "Lysbildene og talenotatene bygger på Hansen, I. L. S., Jensen, R. S. & Fløtten, T. (2019). "
        "0-24-samarbeidet. Et kunnskapsgrunnlag. Notater til presentasjon. Fafo-notat 2019:21. Oslo: Fafo. "
        "Notatene er skrevet om og holdes à jour i kunnskapsgrunnlag-prosjektet.",
        N: "Lysbileta og talenotata byggjer på Hansen, I. L. S., Jensen, R. S. & Fløtten, T. (2019). "
        "0-24-samarbeidet. Et kunnskapsgrunnlag. Notater til presentasjon. Fafo-notat 2019:21. Oslo: Fafo. "
        "Notata er skrivne om og blir haldne à jour i kunnskapsgrunnlag-prosjektet.",
    },
    "notes_doc_title": {B: "Notater til presentasjon: {label}", N: "Notat til presentasjon: {label}"},
    "made_with": {B: "Laget med kunnskapsgrunnlag {version}", N: "Laga med kunnskapsgrunnlag {version}"},
    "keywords": {B: "0-24-samarbeidet; talenotater", N: "0-24-samarbeidet; talenotat"},
    # The deck.
    "own_slide": {B: "Eget lysbilde", N: "Eige lysbilete"},
    "full_recipe_title": {B: "0-24-samarbeidet. Et kunnskapsgrunnlag", N: "0-24-samarbeidet. Et kunnskapsgrunnlag"},
    "full_recipe_description": {B: "Hele kunnskapsgrunnlaget", N: "Heile kunnskapsgrunnlaget"},
    # Statistics: slides, charts and the `statistikk` names of templates.
    "whole_country": {B: "Hele landet", N: "Heile landet"},
    "whole_country_period": {B: "Hele landet {period}", N: "Heile landet {period}"},
    "source": {B: "Kilde", N: "Kjelde"},
    "table": {B: "tabell", N: "tabell"},
    "bar_chart": {B: "Stolpediagram", N: "Stolpediagram"},
    "not_available": {B: "ikke tilgjengelig", N: "ikkje tilgjengeleg"},
    "not_available_kommune": {B: "ikke tilgjengelig for kommunen", N: "ikkje tilgjengeleg for kommunen"},
    "not_available_fylke": {B: "ikke tilgjengelig for fylket", N: "ikkje tilgjengeleg for fylket"},
    "not_available_land": {B: "ikke tilgjengelig for landet", N: "ikkje tilgjengeleg for landet"},
    "statistic_not_loaded": {
        B: "Statistikken «{indicator}» er ikke lastet for denne presentasjonen.",
        N: "Statistikken «{indicator}» er ikkje lasta for denne presentasjonen.",
    },
    "status_..": {
        B: "mangler (tallgrunnlaget mangler eller er ikke tilgjengelig)",
        N: "manglar (talgrunnlaget manglar eller er ikkje tilgjengeleg)",
    },
    "status_:": {
        B: "skjermet av personvernhensyn (konfidensielt)",
        N: "skjerma av omsyn til personvernet (konfidensielt)",
    },
    "status_.": {B: "ikke aktuelt (logisk umulig å oppgi)", N: "ikkje aktuelt (logisk umogleg å oppgi)"},
    "status_-": {B: "null (ingenting å registrere)", N: "null (ingenting å registrere)"},
    "no_data": {B: "ingen tall i datagrunnlaget", N: "ingen tal i datagrunnlaget"},
    # Reasons for a missing value written in the figure files (data/statistikk/tall), in bokmål there.
    "reason_fhi_empty": {
        B: "ikke publisert av FHI (tom verdi i kilden: for få elever eller svar til å vise tallet)",
        N: "ikkje publisert av FHI (tom verdi i kjelda: for få elevar eller svar til å vise talet)",
    },
    "reason_split_neet": {
        B: "Ålesund og Haram var én kommune (1507) 2020–2023, og tallet kan ikke deles mellom dem",
        N: "Ålesund og Haram var éin kommune (1507) 2020–2023, og talet kan ikkje delast mellom dei",
    },
    "reason_split_population": {
        B: "Ålesund og Haram var én kommune før 2024; kilden deler tallet likt mellom dem, "
        "og det er ikke et tall for kommunen",
        N: "Ålesund og Haram var éin kommune før 2024; kjelda deler talet likt mellom dei, "
        "og det er ikkje eit tal for kommunen",
    },
    # Table descriptions in the statistics files (`table:`) that are our words, not a published name.
    "credit_fhi_lavinntekt": {
        B: "Kommunehelsa statistikkbank, vedvarende lavinntekt (EU-60), fra SSBs inntektsstatistikk",
        N: "Kommunehelsa statistikkbank, vedvarande låginntekt (EU-60), frå inntektsstatistikken til SSB",
    },
    "credit_fhi_mobbing": {
        B: "FHI statistikkbank, Elevundersøkelsen (standardisert andel, treårsgjennomsnitt)",
        N: "FHI statistikkbank, Elevundersøkelsen (standardisert del, treårsgjennomsnitt)",
    },
    # The statistic layout: the phrases it composes from figures (render/statistic.py).
    "stat_missing_heading": {B: "Tall for {sted} mangler", N: "Tal for {sted} manglar"},
    "stat_missing_where": {
        B: "Datagrunnlaget har ikke tall for {sted}. Tall for alle kommuner: {kilde}",
        N: "Datagrunnlaget har ikkje tal for {sted}. Tal for alle kommunar: {kilde}",
    },
    "stat_small_count": {
        B: "Få personer: andelen for {sted} i {periode} bygger på {antall} personer.",
        N: "Få personar: delen for {sted} i {periode} byggjer på {antall} personar.",
    },
    "stat_series_gap": {
        B: "{sted}: ingen tall for {perioder}. Grunn: {grunn}.",
        N: "{sted}: ingen tal for {perioder}. Grunn: {grunn}.",
    },
    "stat_bands_total": {B: "{navn} i {sted}, 1. januar {periode}", N: "{navn} i {sted}, 1. januar {periode}"},
    "stat_change_heading": {B: "Endring siden {fra}", N: "Endring sidan {fra}"},
    "stat_source": {B: "Kilde: {kilder}.", N: "Kjelde: {kilder}."},
    "stat_alt_line": {B: "Linjediagram: {navn}.", N: "Linjediagram: {navn}."},
    "stat_alt_bars": {B: "Stolpediagram: {navn}.", N: "Stolpediagram: {navn}."},
    "stat_alt_bands": {
        B: "Stolpediagram: {navn} i {sted} 1. januar {periode}, etter alder.",
        N: "Stolpediagram: {navn} i {sted} 1. januar {periode}, etter alder.",
    },
    "stat_alt_total": {B: "I alt {verdi}.", N: "I alt {verdi}."},
    "whole_country_in": {B: "hele landet", N: "heile landet"},
    # A figure's method, stored in bokmål in the figure files (`method:`), shown in the deck's form.
    "method_from_counts": {B: "beregnet fra antall i {kilde}", N: "berekna frå talet på personar i {kilde}"},
    # Diagrams: what a missing diagram says, and the generated alt text.
    "diagram_missing": {B: "Diagrammet «{diagram}» finnes ikke.", N: "Diagrammet «{diagram}» finst ikkje."},
    "rings_alt": {B: "Modell med {centre} i midten.", N: "Modell med {centre} i midten."},
    "rings_default_centre": {B: "individet", N: "individet"},
    "rings_lines": {B: "Linjer fra hver av disse til midten", N: "Linjer frå kvar av desse til midten"},
    "rings_ring": {B: "Ring", N: "Ring"},
    "staircase_alt": {B: "Samordningstrapp med trinnene ", N: "Samordningstrapp med trinna "},
    "staircase_extra": {B: " Et trinn til: {extra}.", N: " Eitt trinn til: {extra}."},
    "staircase_highlight": {B: " Trinn {step} er uthevet.", N: " Trinn {step} er utheva."},
    "curve_alt": {B: "Kurve: {y} etter {x}. Punkter: {points}.", N: "Kurve: {y} etter {x}. Punkt: {points}."},
    "venn_alt": {B: "Tre overlappende sirkler: ", N: "Tre sirklar som overlappar: "},
    "venn_centre": {B: ". I midten: {centre}.", N: ". I midten: {centre}."},
    "pieces_alt": {
        B: "Puslespill der alle brikkene må være på plass: ",
        N: "Puslespel der alle brikkene må vere på plass: ",
    },
}


def msg(key: str, malform: Malform | str = Malform.BOKMAL, **values: object) -> str:
    """The text of `key` in `malform`, with `{name}` fields filled from `values`."""
    text = MESSAGES[key][Malform(malform)]
    return text.format(**values) if values else text


def translate_missing(reason: str | None, malform: Malform | str) -> str | None:
    """A statistic's reason for a missing value (stored in bokmål) in `malform`."""
    if reason is None or Malform(malform) is Malform.BOKMAL:
        return reason
    for key, forms in MESSAGES.items():
        if key.startswith(("status_", "reason_", "no_data")) and reason == forms[Malform.BOKMAL]:
            return forms[Malform(malform)]
    return reason


def translate_credit(table: str, malform: Malform | str) -> str:
    """A table description from the statistics files (stored in bokmål) in `malform`; a published
    name (e.g. SSB's «Inntekts- og formuesstatistikk for husholdninger») stays as published."""
    if Malform(malform) is Malform.BOKMAL:
        return table
    for key, forms in MESSAGES.items():
        if key.startswith("credit_") and table == forms[Malform.BOKMAL]:
            return forms[Malform(malform)]
    return table


def translate_method(method: str, malform: Malform | str) -> str:
    """A figure's method (`beregnet fra antall i SSB tabell 13556`, stored in bokmål) in `malform`.

    A method the table does not know stays as written (a test keeps the data's methods known).
    """
    prefix = MESSAGES["method_from_counts"][Malform.BOKMAL].split("{", 1)[0]
    if Malform(malform) is Malform.BOKMAL or not method.startswith(prefix):
        return method
    return msg("method_from_counts", malform, kilde=method[len(prefix) :])


def is_method(text: str) -> bool:
    """`text` is a method phrase (in either form), not a plain source credit."""
    return any(text.startswith(form.split("{", 1)[0]) for form in MESSAGES["method_from_counts"].values())
