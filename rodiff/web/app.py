"""The Starlette application: settings, page rendering in a sandbox, forms with CSRF, errors in Italian.

``create_app(settings)`` builds the ASGI app served by ``rodiff web`` (and by the tests'
client). Page templates (``rodiff/web/templates/*.j2``) run in Jinja2's immutable sandbox with
autoescape, so no text from a regulation, a file name or a form can become markup; static
files (CSS, the vendored htmx) come from ``rodiff/web/static``. A route that fails shows the
library's Italian message (``RodiffError.message``) in the page, never a traceback.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import cache, wraps
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader
from jinja2.sandbox import ImmutableSandboxedEnvironment
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from ..errors import RodiffError
from ..render.sandbox import sandbox
from .security import CSRF_FIELD, CSRF_HEADER, DEFAULT_UPLOAD_LIMIT, EXPIRED, Guard, csrf_token, valid_csrf
from .store import RevisionStore
from .work import UNEXPECTED

LOG = logging.getLogger("rodiff.web")

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Settings:
    """What ``rodiff web`` was started with."""

    root: Path  # the folder holding the revision folders
    upload_limit: int = DEFAULT_UPLOAD_LIMIT
    token: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))  # signs the CSRF tokens of this run


class Refused(RodiffError):
    """A request the page refuses, with its HTTP status (403 for an expired form...)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def create_app(settings: Settings) -> Guard:
    """The whole page, wrapped in the security middleware."""
    from .pages import routes

    static = StaticFiles(directory=str(files("rodiff.web") / "static"))
    all_routes: list[BaseRoute] = [*routes(), Mount("/static", app=static, name="static")]
    app = Starlette(routes=all_routes)
    app.state.settings = settings
    app.state.store = RevisionStore(settings.root)
    return Guard(app, upload_limit=settings.upload_limit, token=settings.token)


def settings_of(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


def store_of(request: Request) -> RevisionStore:
    found: RevisionStore = request.app.state.store
    return found


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page (or, for an htmx request that asks only for the main part, the same page: htmx picks)."""
    session = str(request.scope.get("state", {}).get("session", ""))
    context.setdefault("errore", None)
    html = _environment().get_template(template).render(csrf=csrf_token(settings_of(request).secret, session), **context)
    return HTMLResponse(html, status_code=status)


async def checked_form(request: Request, max_files: int = 0) -> FormData:
    """The posted form, once its CSRF token (field or htmx header) matches the session cookie."""
    form = await request.form(max_files=max_files, max_fields=300, max_part_size=1024 * 1024)
    token = request.headers.get(CSRF_HEADER) or str(form.get(CSRF_FIELD) or "")
    session = str(request.scope.get("state", {}).get("session", ""))
    if not valid_csrf(settings_of(request).secret, session, token):
        await form.close()
        raise Refused(EXPIRED, 403)
    return form


def page(endpoint: Endpoint) -> Endpoint:
    """Every route: a ``RodiffError`` becomes the error page with its Italian message, any other
    failure a polite "unexpected error" (the details go to the server log only)."""

    @wraps(endpoint)
    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except Refused as error:
            return render(request, "errore.html.j2", error.status, messaggio=error.message)
        except RodiffError as error:
            return render(request, "errore.html.j2", 400, messaggio=error.message)
        except Exception as error:  # the last net: the details go to the terminal, never to the page
            LOG.exception("errore imprevisto in %s", request.url.path)
            return render(request, "errore.html.j2", 500, messaggio=UNEXPECTED.format(name=type(error).__name__))

    return guarded


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    return sandbox(FileSystemLoader(str(files("rodiff.web") / "templates")), autoescape=True)
