"""The pages: choose a municipality, choose and order the content, build, download, share.

Each view reads the request, checks every value against the site (catalogue and registry),
and calls the library or the job queue. Texts shown to users live in texts.py, in both written
forms; the page speaks the form of the deck (`g.malform`), else the address's `malform`.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, send_file, url_for

from ..assemble import assemble
from ..build import slug
from ..malform import Malform
from ..recipe_file import compact_items, recipe_yaml
from .choice import (
    BuildOptions,
    Choice,
    InvalidChoice,
    apply_action,
    parse_choice,
    parse_malform_field,
    parse_slide_ids,
)
from .jobs import Job, JobQueue, QueueFull
from .site import SCRATCH, Site
from .texts import text as message
from .texts import ui_malform
from .worker import BatchSpec, DeckSpec

pages = Blueprint("pages", __name__)
builds = Blueprint("builds", __name__)
_JOB_ID = re.compile(r"[A-Za-z0-9_-]{22}")
FILE_KINDS = ("pptx", "notater-docx", "notater-pdf", "pdf", "zip")


def _ext() -> dict:
    return current_app.extensions["kunnskapsgrunnlag"]


def _site() -> Site:
    return _ext()["site"]


def _queue() -> JobQueue:
    return _ext()["queue"]


def _invalid(exc: InvalidChoice):
    """HTTP 400 with what was wrong, in the page's form (the error page shows it)."""
    abort(400, description=message(exc.key, **exc.values))


def _choice(args) -> Choice:
    try:
        choice = parse_choice(_site(), args)
    except InvalidChoice as exc:
        _invalid(exc)
    g.malform = choice.malform  # the page speaks the deck's form
    return choice


def _page_form(args) -> None:
    """A page without a deck speaks the address's `malform`; an unknown value is a 400."""
    try:
        parse_malform_field(args.get("malform"))
    except InvalidChoice as exc:
        _invalid(exc)


# --- choose a municipality ------------------------------------------------------------------------


@pages.get("/")
def index():
    site = _site()
    _page_form(request.args)
    query = request.args.get("q", "")[:60]
    kontor = site.office(request.args.get("kontor"))
    if request.args.get("kontor") and kontor is None:
        abort(400, description=message("bad_office"))
    matches = site.search(query) if query else []
    if query and len(matches) == 1 and matches[0].nummer == query.strip():
        return redirect(url_for("pages.choose", kommune=matches[0].nummer), 303)
    in_office = site.registry.kommuner_for_office(kontor) if kontor else []
    return render_template("index.html", site=site, query=query, matches=matches, kontor=kontor, in_office=in_office)


@pages.get("/sok")
def search_fragment():
    site = _site()
    query = request.args.get("q", "")[:60]
    return render_template("_treff.html", site=site, query=query, matches=site.search(query) if query else [])


# --- choose the content ---------------------------------------------------------------------------


@pages.get("/velg")
def choose():
    site = _site()
    choice = _choice(request.args)
    action = request.args.get("handling")
    if action:
        try:
            changed = apply_action(site, choice, action)
        except InvalidChoice as exc:
            _invalid(exc)
        ref = action.partition(":")[2]
        return redirect(f"{url_for('pages.choose')}?{changed.query()}#rad-{ref}", 303)
    malform = choice.malform
    edition = site.editions[malform]  # section titles, recipe titles and slide titles in the deck's form
    recipe = choice.recipe(site) if choice.slide_ids else None
    deck = assemble(edition, recipe, choice.kommune) if recipe else None
    included = set(choice.slide_ids)
    return render_template(
        "velg.html",
        site=site,
        choice=choice,
        deck=deck,
        included=included,
        edition=edition,
        recipes=site.recipes_in(malform),
        titles=site.titles_in(malform),
        facts=site.facts(choice.kommune, malform),
        seconds=site.speaking_seconds(list(choice.slide_ids), malform),
        thumbnails=_ext()["thumbnails"],
        scratch=SCRATCH,
        options=BuildOptions(),
        office=site.office_of(choice.kommune),
    )


@pages.get("/oppskrift.yaml")
def recipe_download():
    site = _site()
    choice = _choice(request.args)
    if not choice.slide_ids:
        abort(400, description=message("no_slides"))
    base = site.recipes_in(choice.malform)[choice.base_recipe_id]
    items = list(choice.items(site)) if choice.edited else list(base.items)
    text = recipe_yaml(base.title, items, None if choice.edited else base.description)
    name = f"oppskrift-{choice.base_recipe_id}{'-tilpasset' if choice.edited else ''}.yaml"
    return Response(
        text,
        mimetype="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@pages.get("/miniatyr/<slide_id>.png")
def thumbnail(slide_id: str):
    site = _site()
    if slide_id not in site.catalogue.slides:
        abort(404)
    _page_form(request.args)
    malform = ui_malform()
    thumbnails = _ext()["thumbnails"]
    png = thumbnails.png(slide_id, malform)
    if png is None:
        abort(404)
    # A bokmål stand-in for a nynorsk picture not yet rendered must not stay in the browser's cache.
    cache = "max-age=3600" if thumbnails.exact(slide_id, malform) else "no-cache"
    return Response(png, mimetype="image/png", headers={"Cache-Control": cache})


# --- build and download ---------------------------------------------------------------------------


@builds.post("/bygg")
def build():
    site = _site()
    choice = _choice(request.form)
    if not choice.slide_ids:
        abort(400, description=message("no_slides"))
    options = BuildOptions.from_form(request.form)
    spec = DeckSpec(
        choice.kommune.nummer,
        choice.base_recipe_id,
        tuple((i.kind, i.ref) for i in choice.items(site)) if choice.edited else (),
        notater=options.notater,
        pdf=options.pdf,
        malform=choice.malform.value,
    )
    label = f"{choice.kommune.nummer} {choice.kommune.navn}"
    config = _ext()["config"]
    job = _submit(spec, label, config.build_timeout)
    back = f"{url_for('pages.choose')}?{choice.query()}"
    return redirect(url_for("builds.job_page", job_id=job.id, tilbake=back, malform=choice.malform.value), 303)


@pages.get("/mange")
def many():
    site = _site()
    _page_form(request.args)
    return render_template("mange.html", site=site, recipes=site.recipes_in(ui_malform()), forms=list(Malform))


@builds.post("/mange")
def many_build():
    site = _site()
    form = request.form
    _page_form(form)
    try:
        forced = parse_malform_field(form.get("malform_alle"))
    except InvalidChoice as exc:
        _invalid(exc)
    scope, ref = form.get("omfang", ""), ""
    if scope == "statsforvalter":
        office = site.office(form.get("statsforvalter"))
        if office is None:
            abort(400, description=message("bad_office"))
        ref, name = office.kortnavn, office.kortnavn
        label = office.navn
    elif scope == "fylke":
        fylke = site.fylke(form.get("fylke"))
        if fylke is None:
            abort(400, description=message("bad_fylke"))
        ref, name, label = fylke.nummer, f"fylke-{fylke.nummer}-{slug(fylke.navn)}", fylke.navn
    else:
        abort(400, description=message("bad_scope"))
    recipe_id = form.get("oppskrift", "")
    if recipe_id not in site.recipes:
        abort(400, description=message("bad_recipe"))
    items: tuple[tuple[str, str], ...] = ()
    if form.get("lysbilder"):
        try:
            ids = parse_slide_ids(site, form["lysbilder"])
        except InvalidChoice as exc:
            _invalid(exc)
        items = tuple((i.kind, i.ref) for i in compact_items(site.catalogue, ids))
    suffix = f"-{forced.value}" if forced else ""
    zip_name = f"{name}-{recipe_id}{suffix}.zip"
    spec = BatchSpec(scope, ref, recipe_id, items, zip_name=zip_name, malform=forced.value if forced else None)
    job = _submit(spec, label, _ext()["config"].batch_timeout)
    page = ui_malform().value
    back = url_for("pages.many", malform=page)
    return redirect(url_for("builds.job_page", job_id=job.id, tilbake=back, malform=page), 303)


def _submit(spec, label: str, timeout: float) -> Job:
    try:
        return _queue().submit(spec, label, timeout)
    except QueueFull:
        abort(429)


def _job(job_id: str) -> Job:
    job = _queue().get(job_id) if _JOB_ID.fullmatch(job_id) else None
    if job is None:
        abort(404)
    return job


def _back(raw: str | None) -> str:
    """Only a path on this site, never an address elsewhere."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return url_for("pages.index")


@builds.get("/jobb/<job_id>")
def job_page(job_id: str):
    job = _job(job_id)
    _job_form(job)
    return render_template(
        "jobb.html", job=job, position=_queue().position(job), back=_back(request.args.get("tilbake"))
    )


def _job_form(job: Job) -> None:
    """A job's pages speak the address's form; a deck's job without one speaks the deck's form."""
    _page_form(request.args)
    if not request.args.get("malform") and not job.is_batch:
        g.malform = Malform(job.spec.malform)


@builds.get("/jobb/<job_id>/status")
def job_status(job_id: str):
    job = _job(job_id)
    _job_form(job)
    html = render_template("_status.html", job=job, position=_queue().position(job))
    return {"state": job.state, "position": _queue().position(job), "done": job.done, "total": job.total, "html": html}


@builds.get("/jobb/<job_id>/fil/<kind>")
def job_file(job_id: str, kind: str):
    job = _job(job_id)
    if kind not in FILE_KINDS:
        abort(404)
    path = job.file(kind)
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=path.name, max_age=0)
