"""``rodiff web``: start the page on this computer and open it in the browser.

Only click is imported here, so ``rodiff --help`` stays fast; the server (uvicorn) and the
application are imported when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from click import UsageError

from ..cli.options import CONTEXT

if TYPE_CHECKING:  # the modules of the server are imported when «rodiff web» runs, not by every command
    import socket

FIRST_PORT = 8765
PORTS_TRIED = 100
LOOPBACK = "127.0.0.1"


@click.command("web", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.option(
    "--cartella",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="CARTELLA",
    help="Cartella delle revisioni (predefinita: la cartella dei dati di rodiff del suo utente).",
)
@click.option(
    "--porta", type=click.IntRange(1, 65535), metavar="N", help=f"Porta (predefinita: la prima libera da {FIRST_PORT})."
)
@click.option("--no-browser", "no_browser", is_flag=True, help="Non apre il browser: mostra solo l'indirizzo.")
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    metavar="INDIRIZZO",
    help="Indirizzo su cui ascoltare. Un indirizzo diverso da 127.0.0.1 rende la pagina raggiungibile da altri "
    "computer: serve --token.",
)
@click.option("--token", metavar="CODICE", help="Codice di accesso da aggiungere all'indirizzo (obbligatorio con --host).")
@click.option(
    "--limite",
    type=click.IntRange(1, 1024),
    default=50,
    show_default=True,
    metavar="MB",
    help="Dimensione massima di un file caricato, in MB.",
)
def web(cartella: Path | None, porta: int | None, no_browser: bool, host: str, token: str | None, limite: int) -> int:
    """Apre rodiff nel browser: una pagina per ogni passo della revisione (testi, abbinamento,
    tabella di confronto, rinvii, revisioni Word, messaggio municipale).

    La pagina funziona solo su questo computer (127.0.0.1). Le revisioni sono cartelle come
    quelle di «rodiff nuovo»: la pagina e i comandi di rodiff lavorano sulle stesse.
    """
    if not _is_loopback(host) and not token:
        raise UsageError(
            f"Con --host {host} la pagina sarebbe raggiungibile da altri computer: indichi anche --token CODICE, "
            "un codice segreto lungo che andrà aggiunto all'indirizzo."
        )
    if token is not None and len(token) < 16:
        raise UsageError("Il codice di --token è troppo corto: ne scelga uno di almeno 16 caratteri, difficile da indovinare.")
    root = cartella or _default_root()
    root.mkdir(parents=True, exist_ok=True)
    listener = _listen(host, porta)
    port = listener.getsockname()[1]
    shown_host = LOOPBACK if host in ("0.0.0.0", "::") else host
    address = f"http://{shown_host}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"rodiff è pronto: apra {address} nel browser.", err=True)
    click.echo(f"Le revisioni sono nella cartella {root}. Per fermare rodiff prema Ctrl+C in questa finestra.", err=True)
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, webbrowser.open, args=(address,)).start()
    _serve(listener, root, token, limite * 1024 * 1024)
    return 0


def _default_root() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("rodiff", appauthor=False)) / "revisioni"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str = LOOPBACK, first: int = FIRST_PORT) -> socket.socket:
    """A listening socket on the first free port from ``first`` (tries ``PORTS_TRIED`` ports)."""
    for port in range(first, first + PORTS_TRIED):
        try:
            return _bound(host, port)
        except OSError:
            continue
    raise UsageError(f"Nessuna porta libera tra {first} e {first + PORTS_TRIED - 1}: ne indichi una con --porta.")


def _listen(host: str, port: int | None) -> socket.socket:
    if port is None:
        return free_port(host)
    try:
        return _bound(host, port)
    except OSError as error:
        raise UsageError(f"La porta {port} non si può usare ({error.strerror}): ne scelga un'altra o tolga --porta.") from error


def _bound(host: str, port: int) -> socket.socket:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.bind((host, port))
        listener.listen(64)
    except OSError:
        listener.close()
        raise
    return listener


def _serve(listener: socket.socket, root: Path, token: str | None, limit: int) -> None:
    import uvicorn

    from .app import Settings, create_app

    app = create_app(Settings(root=root, upload_limit=limit, token=token))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[listener])
