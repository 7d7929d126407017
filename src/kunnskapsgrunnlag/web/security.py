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
KNOWN_ERRORS = (400, 403, 404, 405, 413, 414, 429, 500)  # each has its text in texts.py (error_<code>)


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
        shown = code if code in KNOWN_ERRORS else 500
        # Our own 400s say what was wrong (in Norwegian, from texts.py); werkzeug's English default not.
        detail = exc.description if code == 400 and exc.description != type(exc).description else None
        response = app.make_response((render_template("feil.html", code=shown, detail=detail), code))
        if code == 429:
            response.headers["Retry-After"] = "10"
        return response

    @app.errorhandler(Exception)
    def _bug(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render_template("feil.html", code=500), 500
