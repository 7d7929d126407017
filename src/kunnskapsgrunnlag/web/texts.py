"""What the web builder says to its users, in bokmål and nynorsk (the pattern of ../messages.py).

The page speaks the written form of the deck being made, so an advisor in Vestland working on a
nynorsk deck reads nynorsk. Templates call `t("key", name=value)`; the script's texts reach
static/app.js as a data attribute (no inline script under the CSP). A key missing in one form is
a bug the tests catch.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, g, request, url_for
from werkzeug.exceptions import HTTPException

from ..malform import Malform

B, N = Malform.BOKMAL, Malform.NYNORSK
PARAM = "malform"  # the query/form field that carries the form, as the CLI's --malform

TEXTS: dict[str, dict[Malform, str]] = {
    # base.html
    "site_name": {B: "Kunnskapsgrunnlag 0–24", N: "Kunnskapsgrunnlag 0–24"},
    "skip": {B: "Gå til innholdet", N: "Gå til innhaldet"},
    "main_menu": {B: "Hovedmeny", N: "Hovudmeny"},
    "menu_one": {B: "Én kommune", N: "Éin kommune"},
    "menu_many": {B: "Alle kommunene i et embete eller fylke", N: "Alle kommunane i eit embete eller fylke"},
    "switch_label": {B: "Språk på siden", N: "Språk på sida"},
    "switch_to": {B: "På nynorsk", N: "På bokmål"},
    "switch_hint": {B: "Vis siden og lag presentasjonen på nynorsk", N: "Vis sida og lag presentasjonen på bokmål"},
    "switch_hint_page": {B: "Vis siden på nynorsk", N: "Vis sida på bokmål"},
    # index.html and _treff.html
    "index_title": {B: "Velg kommune", N: "Vel kommune"},
    "index_h1": {B: "Lag presentasjonen for en kommune", N: "Lag presentasjonen for ein kommune"},
    "index_lead": {
        B: "Velg kommunen, velg innholdet, og last ned en ferdig PowerPoint med talenotater.",
        N: "Vel kommunen, vel innhaldet, og last ned ein ferdig PowerPoint med talenotat.",
    },
    "search_h": {B: "Søk etter kommunen", N: "Søk etter kommunen"},
    "search_label": {B: "Kommunens navn eller nummer", N: "Namnet eller nummeret til kommunen"},
    "search_button": {B: "Søk", N: "Søk"},
    "search_help": {
        B: "For eksempel «Skien» eller «4003». Treffene kommer mens du skriver.",
        N: "Til dømes «Skien» eller «4003». Treffa kjem medan du skriv.",
    },
    "office_h": {B: "Eller velg embete først", N: "Eller vel embete først"},
    "office_label": {B: "Statsforvalteren", N: "Statsforvaltaren"},
    "office_button": {B: "Vis kommunene", N: "Vis kommunane"},
    "office_list_h": {B: "Kommunene til {office}", N: "Kommunane til {office}"},
    "hits": {B: "{n} treff", N: "{n} treff"},
    "hits_first": {B: " (de {n} første)", N: " (dei {n} første)"},
    "no_hits": {B: "Ingen kommune passer med «{query}».", N: "Ingen kommune passar med «{query}»."},
    "same_name": {B: "to kommuner heter {name}", N: "to kommunar heiter {name}"},
    # velg.html
    "other_kommune": {B: "Velg en annen kommune", N: "Vel ein annan kommune"},
    "deck_for": {B: "Presentasjon for {name}", N: "Presentasjon for {name}"},
    "about_h": {B: "Dette sier presentasjonen om {name}", N: "Dette seier presentasjonen om {name}"},
    "kommunenummer": {B: "Kommunenummer", N: "Kommunenummer"},
    "fylke": {B: "Fylke", N: "Fylke"},
    "statsforvalter": {B: "Statsforvalter", N: "Statsforvaltar"},
    "population": {B: "Innbyggere", N: "Innbyggjarar"},
    "unknown": {B: "ikke kjent", N: "ikkje kjent"},
    "kommune_malform": {B: "Kommunens målform", N: "Målforma til kommunen"},
    "form_bokmal": {B: "bokmål", N: "bokmål"},
    "form_nynorsk": {B: "nynorsk", N: "nynorsk"},
    "form_noytral": {B: "nøytral", N: "nøytral"},
    "stats_caption": {B: "Statistikk med tall for kommunen", N: "Statistikk med tal for kommunen"},
    "col_what": {B: "Hva", N: "Kva"},
    "col_kommune": {B: "Kommunen", N: "Kommunen"},
    "col_period": {B: "Periode", N: "Periode"},
    "col_source": {B: "Kilde", N: "Kjelde"},
    "missing_h": {B: "Mangler tall for kommunen", N: "Manglar tal for kommunen"},
    "missing_text": {
        B: "Her viser lysbildet fylket og landet, og kommunen står som «ikke tilgjengelig for kommunen»:",
        N: "Her viser lysbiletet fylket og landet, og kommunen står som «ikkje tilgjengeleg for kommunen»:",
    },
    "form_h": {B: "Målform for presentasjonen", N: "Målform for presentasjonen"},
    "form_legend": {B: "Skriv presentasjonen på", N: "Skriv presentasjonen på"},
    "form_why_own": {
        B: "{name} har valgt {form}, så det er standard.",
        N: "{name} har valt {form}, så det er standard.",
    },
    "form_why_majority": {
        B: "{name} er språknøytral og får formen flertallet av kommunene hos {office} har valgt: {form}.",
        N: "{name} er språknøytral og får forma som fleirtalet av kommunane hjå {office} har valt: {form}.",
    },
    "form_why_none": {
        B: "{name} er språknøytral, og ingen målform har flertall blant kommunene hos {office}: da blir det {form}.",
        N: "{name} er språknøytral, og inga målform har fleirtal blant kommunane hjå {office}: då blir det {form}.",
    },
    "form_changed": {
        B: "Du har valgt en annen målform enn standard ({form}).",
        N: "Du har valt ei anna målform enn standard ({form}).",
    },
    "form_button": {B: "Bruk denne målformen", N: "Bruk denne målforma"},
    "bokmal": {B: "Bokmål", N: "Bokmål"},
    "nynorsk": {B: "Nynorsk", N: "Nynorsk"},
    "start_h": {B: "1. Velg utgangspunkt", N: "1. Vel utgangspunkt"},
    "start_legend": {
        B: "Start fra en oppskrift eller fra et tomt utvalg",
        N: "Start frå ei oppskrift eller frå eit tomt utval",
    },
    "n_slides": {B: "{n} lysbilder", N: "{n} lysbilete"},
    "scratch": {B: "Tomt utvalg", N: "Tomt utval"},
    "scratch_text": {B: "velg lysbildene selv fra katalogen", N: "vel lysbileta sjølv frå katalogen"},
    "start_button": {B: "Bruk dette utgangspunktet", N: "Bruk dette utgangspunktet"},
    "content_h": {B: "2. Innholdet", N: "2. Innhaldet"},
    "summary_slides": {B: "{n} lysbilder", N: "{n} lysbilete"},
    "summary_blank": {B: " og ett tomt til slutt. Beregnet taletid: ", N: " og eitt tomt til slutt. Berekna taletid: "},
    "summary_minutes": {B: "omtrent {minutes} minutter", N: "om lag {minutes} minutt"},
    "summary_note": {B: " (ut fra lengden på talenotatene).", N: " (ut frå lengda på talenotata)."},
    "summary_empty": {
        B: "Ingen lysbilder er valgt ennå. Legg til fra katalogen nedenfor.",
        N: "Ingen lysbilete er valde enno. Legg til frå katalogen nedanfor.",
    },
    "edited": {B: "Du har endret utvalget.", N: "Du har endra utvalet."},
    "outline_h": {B: "Disposisjon", N: "Disposisjon"},
    "order_h": {B: "Rekkefølgen", N: "Rekkjefølgja"},
    "order_help": {
        B: "Flytt med knappene, eller dra et lysbilde med musen.",
        N: "Flytt med knappane, eller dra eit lysbilete med musa.",
    },
    "up": {B: "Opp", N: "Opp"},
    "up_sr": {B: " – flytt «{title}» opp", N: " – flytt «{title}» opp"},
    "down": {B: "Ned", N: "Ned"},
    "down_sr": {B: " – flytt «{title}» ned", N: " – flytt «{title}» ned"},
    "take_out": {B: "Ta ut", N: "Ta ut"},
    "take_in": {B: "Ta med", N: "Ta med"},
    "catalogue_h": {B: "3. Katalogen", N: "3. Katalogen"},
    "catalogue_help": {
        B: "Alle lysbildene, seksjon for seksjon. Ta med eller ta ut hele seksjoner eller enkeltlysbilder.",
        N: "Alle lysbileta, seksjon for seksjon. Ta med eller ta ut heile seksjonar eller einskilde lysbilete.",
    },
    "optional": {B: "(valgfri)", N: "(valfri)"},
    "section_in": {B: "Ta med hele seksjonen", N: "Ta med heile seksjonen"},
    "section_out": {B: "Ta ut hele seksjonen", N: "Ta ut heile seksjonen"},
    "included": {B: "Med", N: "Med"},
    "not_included": {B: "Ikke med", N: "Ikkje med"},
    "build_h": {B: "4. Lag og last ned", N: "4. Lag og last ned"},
    "build_legend": {B: "Hva vil du ha med?", N: "Kva vil du ha med?"},
    "build_always": {B: "Presentasjonen (.pptx) kommer alltid.", N: "Presentasjonen (.pptx) kjem alltid."},
    "build_notes": {B: "Notatdokumentet (.docx og .pdf)", N: "Notatdokumentet (.docx og .pdf)"},
    "build_pdf": {B: "Presentasjonen også som PDF", N: "Presentasjonen òg som PDF"},
    "build_button": {B: "Lag presentasjonen", N: "Lag presentasjonen"},
    "build_in_form": {B: "Presentasjonen blir skrevet på {form}.", N: "Presentasjonen blir skriven på {form}."},
    "choose_one": {B: "Velg minst ett lysbilde først.", N: "Vel minst eitt lysbilete først."},
    "share_h": {B: "Del og gjenta", N: "Del og gjenta"},
    "share_link": {
        B: "Adressen til denne siden har med hele valget, også målformen:",
        N: "Adressa til denne sida har med heile valet, òg målforma:",
    },
    "share_link_text": {B: "lenke til dette utvalget", N: "lenkje til dette utvalet"},
    "share_link_hint": {B: "(kopier og send til en kollega).", N: "(kopier og send til ein kollega)."},
    "recipe_link": {B: "Last ned oppskrift", N: "Last ned oppskrift"},
    "recipe_hint": {
        B: "(en YAML-fil; bygg den med",
        N: "(ei YAML-fil; bygg ho med",
    },
    "many_link": {
        B: "Lag dette utvalget for alle kommunene i et embete eller fylke",
        N: "Lag dette utvalet for alle kommunane i eit embete eller fylke",
    },
    "picture_alt": {B: "Lysbildet «{title}»", N: "Lysbiletet «{title}»"},
    "no_picture": {B: "Ikke noe bilde", N: "Ikkje noko bilete"},
    "no_picture_of": {B: "Ikke noe bilde av lysbildet «{title}»", N: "Ikkje noko bilete av lysbiletet «{title}»"},
    "picture_pending": {B: "Bildet lages …", N: "Biletet blir laga …"},
    "picture_pending_of": {
        B: "Bildet av lysbildet «{title}» lages ennå",
        N: "Biletet av lysbiletet «{title}» blir laga enno",
    },
    # mange.html
    "many_title": {B: "Mange kommuner", N: "Mange kommunar"},
    "many_h1": {
        B: "Alle presentasjonene for et embete eller et fylke",
        N: "Alle presentasjonane for eit embete eller eit fylke",
    },
    "many_lead": {
        B: "Én presentasjon for hver kommune, samlet i én zip-fil. Det tar omtrent et sekund per kommune.",
        N: "Éin presentasjon for kvar kommune, samla i éi zip-fil. Det tek om lag eitt sekund per kommune.",
    },
    "many_selection": {B: "Utvalget ditt av lysbilder brukes.", N: "Utvalet ditt av lysbilete blir brukt."},
    "many_which": {B: "Hvilke kommuner?", N: "Kva for kommunar?"},
    "many_office": {B: "Alle kommunene til en statsforvalter", N: "Alle kommunane til ein statsforvaltar"},
    "many_fylke": {B: "Alle kommunene i et fylke", N: "Alle kommunane i eit fylke"},
    "many_fylke_label": {B: "Fylket", N: "Fylket"},
    "recipe_label": {B: "Oppskrift", N: "Oppskrift"},
    "many_form_legend": {B: "Målform", N: "Målform"},
    "many_form_own": {
        B: "Hver kommunes egen (nøytrale kommuner får flertallsformen hos statsforvalteren)",
        N: "Kvar kommune si eiga (nøytrale kommunar får fleirtalsforma hjå statsforvaltaren)",
    },
    "many_form_all": {B: "Alle på {form}", N: "Alle på {form}"},
    "many_button": {B: "Lag alle presentasjonene", N: "Lag alle presentasjonane"},
    # jobb.html and _status.html
    "job_building": {B: "Bygger", N: "Byggjer"},
    "job_done": {B: "Ferdig", N: "Ferdig"},
    "job_failed": {B: "Feilet", N: "Feila"},
    "job_batch_h": {B: "Alle presentasjonene for {label}", N: "Alle presentasjonane for {label}"},
    "job_deck_h": {B: "Presentasjon for {label}", N: "Presentasjon for {label}"},
    "job_form": {B: "Presentasjonen er på {form}.", N: "Presentasjonen er på {form}."},
    "back": {B: "Tilbake til valget", N: "Tilbake til valet"},
    "queued": {B: "Venter: du er nummer {n} i køen.", N: "Ventar: du er nummer {n} i køen."},
    "refresh": {B: "Oppdater", N: "Oppdater"},
    "refresh_hint": {B: " for å se om det er ferdig.", N: " for å sjå om det er ferdig."},
    "running_batch": {
        B: "Bygger: {done} av {total} presentasjoner er ferdige",
        N: "Byggjer: {done} av {total} presentasjonar er ferdige",
    },
    "running_last": {B: " (sist {current})", N: " (sist {current})"},
    "progress": {B: "Framdrift", N: "Framdrift"},
    "progress_of": {B: "{done} av {total}", N: "{done} av {total}"},
    "running_deck": {
        B: "Bygger presentasjonen. Det tar vanligvis noen sekunder",
        N: "Byggjer presentasjonen. Det tek vanlegvis nokre sekund",
    },
    "running_notes": {B: "; notatdokumentet tar litt lenger", N: "; notatdokumentet tek litt lengre tid"},
    "done": {B: "Ferdig.", N: "Ferdig."},
    "done_batch": {
        B: "{built} av {total} presentasjoner ble laget.",
        N: "{built} av {total} presentasjonar vart laga.",
    },
    "file_pptx": {B: "Last ned presentasjonen (.pptx)", N: "Last ned presentasjonen (.pptx)"},
    "file_notater-docx": {B: "Last ned notatdokumentet (.docx)", N: "Last ned notatdokumentet (.docx)"},
    "file_notater-pdf": {B: "Last ned notatdokumentet (.pdf)", N: "Last ned notatdokumentet (.pdf)"},
    "file_pdf": {B: "Last ned presentasjonen som PDF", N: "Last ned presentasjonen som PDF"},
    "file_zip": {B: "Last ned alle presentasjonene (.zip)", N: "Last ned alle presentasjonane (.zip)"},
    "failed_h": {B: "Disse feilet", N: "Desse feila"},
    "files_deleted": {
        B: "Filene slettes fra serveren etter en stund.",
        N: "Filene blir sletta frå serveren etter ei stund.",
    },
    "failed": {B: "Byggingen feilet:", N: "Bygginga feila:"},
    "reason_tidsgrense": {
        B: "byggingen tok for lang tid og ble stoppet.",
        N: "bygginga tok for lang tid og vart stoppa.",
    },
    "reason_prosess": {
        B: "byggeprosessen stoppet uventet. Prøv igjen.",
        N: "byggjeprosessen stoppa uventa. Prøv igjen.",
    },
    "reason_intern": {
        B: "en feil stoppet byggingen (detaljene står i serverloggen). Prøv igjen, eller si fra til den "
        "som drifter siden.",
        N: "ein feil stoppa bygginga (detaljane står i serverloggen). Prøv igjen, eller sei frå til den "
        "som driftar sida.",
    },
    # feil.html
    "error_400": {B: "Noe i forespørselen var ugyldig", N: "Noko i førespurnaden var ugyldig"},
    "error_400_text": {
        B: "Adressen eller skjemaet inneholdt noe vi ikke kjenner igjen.",
        N: "Adressa eller skjemaet inneheldt noko vi ikkje kjenner att.",
    },
    "error_403": {B: "Skjemaet var utløpt", N: "Skjemaet hadde gått ut"},
    "error_403_text": {B: "Last siden på nytt og prøv igjen.", N: "Last sida på nytt og prøv igjen."},
    "error_404": {B: "Fant ikke siden", N: "Fann ikkje sida"},
    "error_404_text": {
        B: "Siden eller filen finnes ikke (ferdige filer slettes etter en stund).",
        N: "Sida eller fila finst ikkje (ferdige filer blir sletta etter ei stund).",
    },
    "error_405": {B: "Ikke tillatt", N: "Ikkje tillate"},
    "error_405_text": {B: "Denne adressen kan ikke brukes slik.", N: "Denne adressa kan ikkje brukast slik."},
    "error_413": {B: "For stor forespørsel", N: "For stor førespurnad"},
    "error_413_text": {
        B: "Forespørselen var større enn det siden tar imot.",
        N: "Førespurnaden var større enn det sida tek imot.",
    },
    "error_414": {B: "For lang adresse", N: "For lang adresse"},
    "error_414_text": {
        B: "Adressen var lengre enn det siden tar imot.",
        N: "Adressa var lengre enn det sida tek imot.",
    },
    "error_429": {B: "Mange bygger akkurat nå", N: "Mange byggjer akkurat no"},
    "error_429_text": {B: "Køen er full. Prøv igjen om litt.", N: "Køen er full. Prøv igjen om litt."},
    "error_500": {B: "Noe gikk galt", N: "Noko gjekk gale"},
    "error_500_text": {
        B: "En feil hindret oss i å svare. Prøv igjen; vedvarer feilen, si fra til den som drifter siden.",
        N: "Ein feil hindra oss i å svare. Prøv igjen; held feilen fram, sei frå til den som driftar sida.",
    },
    "error_code": {B: "Feilkode {code}.", N: "Feilkode {code}."},
    "to_front": {B: "Til forsiden", N: "Til framsida"},
    # What was wrong in a request (InvalidChoice), shown on the 400 page.
    "bad_malform": {
        B: "Ukjent målform «{value}»: bruk bokmal eller nynorsk.",
        N: "Ukjend målform «{value}»: bruk bokmal eller nynorsk.",
    },
    "bad_kommune": {B: "Ukjent kommunenummer.", N: "Ukjent kommunenummer."},
    "bad_recipe": {B: "Ukjent oppskrift.", N: "Ukjend oppskrift."},
    "bad_slide": {B: "Ukjent lysbilde.", N: "Ukjent lysbilete."},
    "bad_section": {B: "Ukjent seksjon.", N: "Ukjend seksjon."},
    "bad_action": {B: "Ukjent handling.", N: "Ukjend handling."},
    "too_many": {B: "For mange lysbilder.", N: "For mange lysbilete."},
    "no_slides": {B: "Ingen lysbilder er valgt.", N: "Ingen lysbilete er valde."},
    "bad_office": {B: "Ukjent statsforvalter.", N: "Ukjend statsforvaltar."},
    "bad_fylke": {B: "Ukjent fylke.", N: "Ukjent fylke."},
    "bad_scope": {B: "Velg statsforvalter eller fylke.", N: "Vel statsforvaltar eller fylke."},
    # static/app.js (the status messages read aloud to screen-reader users)
    "js_opp": {B: "Flyttet opp: ", N: "Flytta opp: "},
    "js_ned": {B: "Flyttet ned: ", N: "Flytta ned: "},
    "js_ut": {B: "Tatt ut: ", N: "Teke ut: "},
    "js_inn": {B: "Tatt med: ", N: "Teke med: "},
    "js_ut-seksjon": {B: "Seksjonen er tatt ut: ", N: "Seksjonen er teken ut: "},
    "js_inn-seksjon": {B: "Seksjonen er tatt med: ", N: "Seksjonen er teken med: "},
    "js_moved": {B: "Flyttet: {name}, nå nummer {n}", N: "Flytta: {name}, no nummer {n}"},
}


def ui_malform() -> Malform:
    """The form the page speaks: set by the view (the deck's form), else the request's `malform`
    if it is valid, else bokmål (an invalid value is answered by the view, in bokmål)."""
    chosen = getattr(g, "malform", None)
    if chosen is not None:
        return chosen
    raw = request.args.get(PARAM, "")
    if not raw and request.method == "POST":
        try:
            raw = request.form.get(PARAM, "")
        except HTTPException:  # a body too large to read: the error page speaks bokmål
            raw = ""
    try:
        return Malform(raw)
    except ValueError:
        return Malform.BOKMAL


def text(key: str, malform: Malform | None = None, **values: object) -> str:
    """The text of `key` in `malform` (default: the page's form), `{name}` fields filled in."""
    form = malform or ui_malform()
    template = TEXTS[key][form]
    return template.format(**values) if values else template


def script_texts(malform: Malform) -> dict[str, str]:
    """The texts app.js shows, without their `js_` prefix."""
    return {key[3:]: forms[malform] for key, forms in TEXTS.items() if key.startswith("js_")}


def lang_args() -> dict[str, str]:
    """What a link to a page without a deck carries so the page keeps speaking nynorsk."""
    return {PARAM: Malform.NYNORSK.value} if ui_malform() is Malform.NYNORSK else {}


def switch_url() -> str:
    """This page in the other form. On the choice page that is the deck's form too."""
    other = Malform.BOKMAL if ui_malform() is Malform.NYNORSK else Malform.NYNORSK
    if request.method != "GET" or request.endpoint is None or request.endpoint == "static":
        return url_for("pages.index", **({PARAM: other.value} if other is Malform.NYNORSK else {}))
    params = [(k, v) for k, v in request.args.items(multi=True) if k not in (PARAM, "handling")]
    params.append((PARAM, other.value))
    return f"{request.path}?{urlencode(params)}"


def install(app: Flask) -> None:
    app.jinja_env.globals.update(t=text, lang_args=lang_args, switch_url=switch_url, ui_malform=ui_malform)

    @app.context_processor
    def _language():
        form = ui_malform()
        return {"lang": "nn" if form is Malform.NYNORSK else "nb", "script_texts": script_texts(form)}
