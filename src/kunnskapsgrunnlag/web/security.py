"""CSRF tokens on every POST, security headers on every answer, bounded requests, friendly errors."""

from __future__ import annotations

import hmac
import logging
import secrets

from flask import Flask, abort, render_template, request, session
from werkzeug.exceptions import HTTPException

log = logging.getLogger("kunnskapsgrunnlag.web")

# No inline script or style anywhere: everything comes from the package's static folder.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ERROR_TEXT = {
    400: ("Noe i forespørselen var ugyldig", "Adressen eller skjemaet inneholdt noe vi ikke kjenner igjen."),
    403: ("Skjemaet var utløpt", "Last siden på nytt og prøv igjen."),
    404: ("Fant ikke siden", "Siden eller filen finnes ikke (ferdige filer slettes etter en stund)."),
    405: ("Ikke tillatt", "Denne adressen kan ikke brukes slik."),
    413: ("For stor forespørsel", "Forespørselen var større enn det siden tar imot."),
    414: ("For lang adresse", "Adressen var lengre enn det siden tar imot."),
    429: ("Mange bygger akkurat nå", "Køen er full. Prøv igjen om litt."),
    500: (
        "Noe gikk galt",
        "En feil hindret oss i å svare. Prøv igjen; vedvarer feilen, si fra til den som drifter siden.",
    ),
}


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def install(app: Flask) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.before_request
    def _bounds_and_csrf():
        if len(request.query_string) > app.config["MAX_QUERY_BYTES"]:
            abort(414)
        if request.method == "POST":
            sent = request.form.get("csrf", "")
            expected = session.get("csrf", "")
            if not expected or not hmac.compare_digest(sent, expected):
                abort(403)

    @app.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = exc.code or 500
        title, text = ERROR_TEXT.get(code, ERROR_TEXT[500])
        response = app.make_response((render_template("feil.html", code=code, title=title, text=text), code))
        if code == 429:
            response.headers["Retry-After"] = "10"
        return response

    @app.errorhandler(Exception)
    def _bug(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        title, text = ERROR_TEXT[500]
        return render_template("feil.html", code=500, title=title, text=text), 500
