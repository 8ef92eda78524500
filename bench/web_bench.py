"""rodiff web: time from the upload request to the rendered table, as the page does it.

For each pair (the Vacallo texts as Word files; a synthetic 500-article ROD and its revision,
as Word files) and each run: a fresh revision, the POST of the two files, the polls of the
*Lavoro in corso* page until the job ends (as htmx does, here every 10 ms), the confronto page
and the table it frames (``confronto.html``, the CLI's renderer). Starlette's test client
drives the ASGI application in this process (no network, no browser: the browser test prints
its own figure). Median of 5 runs, printed as a table::

    .venv/bin/python -m bench.web_bench
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

import docx
from starlette.testclient import TestClient

from rodiff.web.app import Settings, create_app
from tests.support.synth import make_docx, make_rod, revise

RUNS = 5
VACALLO = Path(__file__).resolve().parent.parent / "corpus" / "vacallo"


def _docx_of(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _pairs(folder: Path) -> dict[str, tuple[bytes, bytes]]:
    old = make_rod(500)
    make_docx(old, folder / "old.docx")
    make_docx(revise(old, seed=2), folder / "new.docx")
    vacallo = tuple(_docx_of((VACALLO / name).read_text(encoding="utf-8")) for name in ("rod-1991.txt", "rod-nuovo.txt"))
    return {
        "Vacallo (DOCX, 74 -> 90 articoli)": (vacallo[0], vacallo[1]),
        "sintetico (DOCX, 500 articoli)": ((folder / "old.docx").read_bytes(), (folder / "new.docx").read_bytes()),
    }


def _one_run(client: TestClient, csrf: str, name: str, old: bytes, new: bytes) -> tuple[float, int]:
    client.post("/revisioni", data={"nome": name, "csrf": csrf})
    started = time.perf_counter()
    files = {"vecchio": ("vecchio.docx", old), "nuovo": ("nuovo.docx", new)}
    response = client.post(f"/revisioni/{name}/testi", data={"csrf": csrf}, files=files, follow_redirects=False)
    polls = 0
    while True:
        state = client.get(f"/revisioni/{name}/lavoro/stato?poi=confronto")
        polls += 1
        if "hx-redirect" in state.headers:
            break
        time.sleep(0.01)
    page = client.get(f"/revisioni/{name}/confronto")
    table = client.get(f"/revisioni/{name}/confronto.html?stile=completo")
    elapsed = time.perf_counter() - started
    assert response.status_code == 303 and page.status_code == 200 and "<table" in table.text, (page.text[:500], table.text[:500])
    return elapsed, polls


def main() -> None:
    import re

    with tempfile.TemporaryDirectory(prefix="rodiff-web-bench-") as work:
        folder = Path(work)
        client = TestClient(create_app(Settings(root=folder / "revisioni")))
        found = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)
        assert found
        csrf = found.group(1)
        print(f"{'coppia':<36} {'mediana (s)':>12} {'min (s)':>9} {'max (s)':>9} {'letture di stato':>17}")
        for label, (old, new) in _pairs(folder).items():
            times, polls = [], []
            for run in range(RUNS):
                seconds, count = _one_run(client, csrf, f"prova-{len(label)}-{run}", old, new)
                times.append(seconds)
                polls.append(count)
            median, polled = statistics.median(times), statistics.median(polls)
            print(f"{label:<36} {median:>12.2f} {min(times):>9.2f} {max(times):>9.2f} {polled:>17.0f}")


if __name__ == "__main__":
    main()
