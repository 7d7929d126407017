"""`kunnskapsgrunnlag serve`: the deck builder in the browser, served by waitress.

waitress is a production WSGI server in pure Python (no compiler, runs wherever the tool runs),
serves with a pool of threads and never forks; the builds themselves run in the web layer's own
bounded pool of processes, so the server's threads only answer pages and poll results.
"""

from __future__ import annotations

import ipaddress
import logging

import click

from .cli_common import project_option, user_errors
from .project import Project


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adressen serveren lytter på.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Porten.")
@click.option(
    "--arbeidere",
    "workers",
    type=click.IntRange(min=1),
    default=None,
    help="Hvor mange presentasjoner som bygges samtidig (standard: én per prosessorkjerne).",
)
@click.option(
    "--kø",
    "queue_limit",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Hvor mange bygg som kan vente; flere får «prøv igjen om litt».",
)
@click.option(
    "--tidsgrense",
    "build_timeout",
    type=click.IntRange(min=10),
    default=300,
    show_default=True,
    help="Sekunder ett bygg får bruke før det stoppes.",
)
@click.option(
    "--behold",
    "result_ttl",
    type=click.IntRange(min=60),
    default=3600,
    show_default=True,
    help="Sekunder ferdige filer blir liggende på serveren.",
)
@click.option(
    "--uten-miniatyrer",
    "no_thumbnails",
    is_flag=True,
    help="Ikke lag bilder av lysbildene (krever ellers LibreOffice).",
)
@project_option
@user_errors
def serve_command(
    project: Project,
    host: str,
    port: int,
    workers: int | None,
    queue_limit: int,
    build_timeout: int,
    result_ttl: int,
    no_thumbnails: bool,
) -> None:
    """Start nettsiden der man velger kommune og innhold og laster ned presentasjonen.

    \b
    Eksempler:
      kunnskapsgrunnlag serve
      kunnskapsgrunnlag serve --port 8080 --arbeidere 2
    """
    import waitress

    from .web import create_app
    from .web.config import WebConfig

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = WebConfig(
        project_root=project.root,
        queue_limit=queue_limit,
        build_timeout=float(build_timeout),
        result_ttl=float(result_ttl),
        thumbnails=not no_thumbnails,
        **({"workers": workers} if workers else {}),
    )
    if not _loopback(host):
        click.secho(
            f"Advarsel: serveren lytter på {host} og kan nås fra andre maskiner. Den har ingen innlogging: "
            "sett den bak kontorets omvendte proxy med autentisering (se README).",
            fg="yellow",
            err=True,
        )
    app = create_app(config)
    queue = app.extensions["kunnskapsgrunnlag"]["queue"]
    queue.start()  # the build processes load the project now, not at the first click
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"Åpne http://{shown_host}:{port}/ i nettleseren (Ctrl+C avslutter).")
    try:
        waitress.serve(
            app,
            host=host,
            port=port,
            threads=8,
            ident="kunnskapsgrunnlag",
            max_request_body_size=config.max_request_bytes,
        )
    finally:
        queue.shutdown()
