"""Safe by default: size limit, access token, cross-site checks, CSRF tokens, security headers.

One ASGI middleware (``Guard``) wraps the whole page:

- request bodies larger than the limit are refused (413) before they are read to the end;
- with a token (``rodiff web --host ... --token T``) every request must carry it once in the
  URL (``?token=T``, as Jupyter does), then a cookie keeps it;
- every visitor gets a session cookie; forms and htmx requests carry a CSRF token derived from
  it (``csrf_token``), and a state-changing request without the right token, or whose
  ``Origin`` / ``Sec-Fetch-Site`` says it comes from another site, is refused (403);
- every response gets a Content-Security-Policy without inline script, and no sniffing,
  framing by other sites or referrers.

Refusals are short Italian pages: the same wording style as the CLI.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024
SESSION_COOKIE = "rodiff_sessione"
TOKEN_COOKIE = "rodiff_token"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'"
)
# The confronto page of ``render_confronto_html`` (the CLI's file) carries its CSS inline and no
# script at all: it is shown in a frame of the page, and may only style itself.
DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
DOCUMENT_POLICY_HEADER = "x-rodiff-documento"  # a route sets it to ask for DOCUMENT_POLICY

TOO_LARGE = (
    "Il file è troppo grande: il limite è di {mb} MB. Un regolamento occupa di solito meno di 1 MB: "
    "verifichi di aver scelto il file giusto."
)
CROSS_SITE = "Richiesta rifiutata: proviene da un altro sito. Usi i pulsanti di questa pagina."
EXPIRED = "La pagina è scaduta o è stata aperta in un'altra finestra del browser: la ricarichi e riprovi."
NO_TOKEN = "Per aprire questa pagina serve l'indirizzo completo con il codice di accesso («?token=…») mostrato da «rodiff web»."


class BodyTooLarge(Exception):
    """Raised inside ``receive`` when a body grows past the limit."""


def csrf_token(secret: bytes, session: str) -> str:
    """The CSRF token of a browser session: an HMAC of its cookie, never stored."""
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def valid_csrf(secret: bytes, session: str, token: str) -> bool:
    return bool(session) and hmac.compare_digest(csrf_token(secret, session), token)


def cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is no cookie
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return str(value.decode("latin-1"))
    return None


class Guard:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, *, upload_limit: int = DEFAULT_UPLOAD_LIMIT, token: str | None = None) -> None:
        self.app = app
        self.upload_limit = upload_limit
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        jar = cookies(scope)
        new_cookies: list[str] = []
        if self.token is not None:
            given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
            if given and hmac.compare_digest(given, self.token):
                new_cookies.append(_cookie(TOKEN_COOKIE, self.token))
            elif not hmac.compare_digest(jar.get(TOKEN_COOKIE, ""), self.token):
                await _refuse(send, 403, NO_TOKEN)
                return
        session = jar.get(SESSION_COOKIE, "")
        if not session:
            session = secrets.token_urlsafe(24)
            new_cookies.append(_cookie(SESSION_COOKIE, session))
        scope.setdefault("state", {})["session"] = session
        if scope["method"] not in SAFE_METHODS and _cross_site(scope):
            await _refuse(send, 403, CROSS_SITE)
            return
        length = header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.upload_limit:
            await _refuse(send, 413, TOO_LARGE.format(mb=self.upload_limit // 1024 // 1024))
            return
        await self._forward(scope, receive, send, new_cookies)

    async def _forward(self, scope: Scope, receive: Receive, send: Send, new_cookies: list[str]) -> None:
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.upload_limit:
                    raise BodyTooLarge
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != DOCUMENT_POLICY_HEADER.encode()]
                document = len(headers) != len(message.get("headers", []))
                headers.extend(_security_headers(document))
                headers.extend((b"set-cookie", c.encode("latin-1")) for c in new_cookies)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send, 413, TOO_LARGE.format(mb=self.upload_limit // 1024 // 1024))


def _cross_site(scope: Scope) -> bool:
    """True when the browser says the request comes from another site (Origin or Fetch metadata)."""
    if header(scope, b"sec-fetch-site") == "cross-site":
        return True
    origin = header(scope, b"origin")
    if origin is None:
        return False
    host = header(scope, b"host") or ""
    return origin == "null" or urlsplit(origin).netloc.lower() != host.lower()


def _cookie(name: str, value: str) -> str:
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Strict"


def _security_headers(document: bool) -> list[tuple[bytes, bytes]]:
    policy = DOCUMENT_POLICY if document else PAGE_POLICY
    return [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"SAMEORIGIN" if document else b"DENY"),
        (b"cache-control", b"no-store"),
    ]


async def _refuse(send: Send, status: int, message: str) -> None:
    body = (
        '<!doctype html><html lang="it"><head><meta charset="utf-8"><title>rodiff</title>'
        '<link rel="stylesheet" href="/static/rodiff.css"></head><body><main class="pagina">'
        f'<h1>Richiesta non eseguita</h1><p class="errore" role="alert">{html.escape(message)}</p>'
        '<p><a href="/">Torna all\'elenco delle revisioni</a></p></main></body></html>'
    ).encode()
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers.extend(_security_headers(False))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
