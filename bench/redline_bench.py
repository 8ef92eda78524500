"""Redlines side by side: rodiff's revisions DOCX, LibreOffice "Confronta documento", python-redlines.

    .venv/bin/python -m bench.redline_bench            # median of 3 interleaved runs
    .venv/bin/python -m bench.redline_bench --runs 5 --redlines-python /tmp/redlines/bin/python
    .venv/bin/python -m bench.redline_bench --quick    # 1 run, Vacallo and S only

What a user would pick instead of ``rodiff revisioni`` for the same redline (a DOCX of the
new text with Word tracked changes), on the same DOCX inputs (one Word paragraph per line of
the text, ``synth.make_docx``):

- rodiff: a new process that reads both DOCX, aligns them and writes the revisions DOCX;
- LibreOffice headless: load the new document, ``.uno:CompareDocuments`` with the old one,
  save as DOCX (a new soffice each run, through a Python with ``uno``: Debian's
  ``/usr/bin/python3`` with ``python3-uno``, or ``--uno-python``; driven by
  ``tests/support/libreoffice.py``, the one LibreOffice driver of the tests);
- python-redlines 2.0, both engines (Docxodus, Open-XML-PowerTools), when a Python with it
  is given (``--redlines-python``; make one with ``python3 -m venv /tmp/redlines &&
  /tmp/redlines/bin/pip install "python-redlines[docxodus,ooxmlpowertools]"``: it bundles
  its own .NET binaries, nothing else to install).

Inputs: the Vacallo pair of the corpus (1991 -> new ROD, 74 -> 90 articles, 34 renumbered
articles with unchanged text); S = Alto Malcantone's 97 articles against a synthetic
revision (3 inserted, 2 removed, all later articles and references renumbered, 15% of
sentences edited), M = 5 such documents (485 articles), as in ``align_bench.py``.

Time: wall time of the whole process, median of the runs, the tools taking turns in each
round (so machine load weighs on all alike); a run over ``--timeout`` is not repeated.

Readability, measured on each output DOCX (the first run's):

- ``ins``/``del``: text revisions (``w:ins``/``w:del`` and moves holding text); ``marks``:
  revised paragraph marks and table rows;
- ``whole words``: share of changed stretches that start and end at word boundaries (not
  "2[3->6]", character soup);
- ``renumbered``: over the articles whose text did not change but for numbers (rodiff's
  alignment, status "renumbered"), how many changed stretches hold letters (anything but a
  changed number is noise), per article; 0.0 means the renumbering reads as such;
- ``views``: reading the output back with rodiff's DOCX reader, all revisions rejected gives
  the old regulation and all accepted the new one, article by article ("ok/ok").

Temporary files only, in a ``tempfile`` directory removed at the end.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from rodiff.align import align
from rodiff.model import Document, Table
from rodiff.parse import parse_file, read_revision_pair
from tests.support import synth
from tests.support.libreoffice import UnoJob, find_soffice, find_uno_python, uno_command

ROOT = Path(__file__).resolve().parent.parent

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CORPUS = ROOT / "corpus"

RODIFF_CODE = """
import sys
from rodiff.align import align
from rodiff.parse import parse_file
from rodiff.render.revisioni_docx import render_revisions_docx

old, new, out = sys.argv[1:4]
with open(out, "wb") as handle:
    handle.write(render_revisions_docx(align(parse_file(old), parse_file(new))))
"""

REDLINES_CODE = """
import sys, warnings
warnings.simplefilter("ignore")
from pathlib import Path
from python_redlines.engines import DocxodusEngine, XmlPowerToolsEngine

engine, old, new, out = sys.argv[1:5]
Engine = DocxodusEngine if engine == "docxodus" else XmlPowerToolsEngine
data, _, _ = Engine().run_redline("python-redlines", Path(old), Path(new))
Path(out).write_bytes(data)
"""

# ------------------------------------------------------------------------------ tools


@dataclass
class Tool:
    name: str
    command: Callable[[Path, Path, Path], list[str]]
    notes: list[str] = field(default_factory=list)


def tools(folder: Path, args: argparse.Namespace) -> tuple[list[Tool], list[str]]:
    found = [Tool("rodiff", lambda old, new, out: [sys.executable, "-c", RODIFF_CODE, str(old), str(new), str(out)])]
    missing = []
    soffice = find_soffice()
    uno_python = find_uno_python(args.uno_python)
    if soffice and uno_python:
        profile = folder / "lo-profile"

        def libreoffice(old: Path, new: Path, out: Path) -> list[str]:
            return uno_command([UnoJob("compare", new, out, other=old)], profile, soffice=soffice, python=uno_python)

        found.append(Tool("LibreOffice Confronta documento", libreoffice))
    else:
        missing.append("LibreOffice: soffice or a Python with uno (python3-uno) not found")
    if args.redlines_python:
        for engine, label in (("docxodus", "python-redlines Docxodus"), ("powertools", "python-redlines Open-XML-PowerTools")):
            found.append(
                Tool(
                    label,
                    lambda old, new, out, engine=engine: [  # type: ignore[misc]
                        args.redlines_python,
                        "-c",
                        REDLINES_CODE,
                        engine,
                        str(old),
                        str(new),
                        str(out),
                    ],
                )
            )
    else:
        missing.append("python-redlines: not measured (give --redlines-python, see the module docstring)")
    return found, missing


# ------------------------------------------------------------------------------ inputs


def inputs(folder: Path, quick: bool) -> dict[str, tuple[Path, Path]]:
    pairs: dict[str, tuple[str, str]] = {
        "Vacallo": (
            (CORPUS / "vacallo" / "rod-1991.txt").read_text(encoding="utf-8"),
            (CORPUS / "vacallo" / "rod-nuovo.txt").read_text(encoding="utf-8"),
        )
    }
    base = (CORPUS / "alto-malcantone" / "rod-2019.txt").read_text(encoding="utf-8")
    for name, factor in {"S": 1, "M": 5}.items():
        if quick and factor > 1:
            continue
        old_text = base if factor == 1 else synth.make_rod(97 * factor, seed=factor)
        pairs[name] = (old_text, synth.revise(old_text, seed=factor, inserted=3 * factor, removed=2 * factor))
    found = {}
    for name, (old_text, new_text) in pairs.items():
        old_path, new_path = folder / f"{name}-old.docx", folder / f"{name}-new.docx"
        synth.make_docx(old_text, old_path)
        synth.make_docx(new_text, new_path)
        found[name] = (old_path, new_path)
    return found


# ------------------------------------------------------------------------- readability

_HEADING = re.compile(r"^\s*Art\.?\s*(\d+\s*[a-z]*)\b", re.IGNORECASE)
_TEXT = etree.XPath(".//w:t | .//w:delText", namespaces=NS)


@dataclass
class Readability:
    inserted: int = 0
    deleted: int = 0
    marks: int = 0
    stretches: int = 0
    whole_words: int = 0
    renumbered: int = 0
    renumbered_noise: int = 0
    views: str = "?"

    @property
    def whole_share(self) -> float:
        return self.whole_words / self.stretches if self.stretches else 1.0

    @property
    def noise_per_article(self) -> float:
        return self.renumbered_noise / self.renumbered if self.renumbered else 0.0


def _kind(node: Any) -> str:
    for ancestor in node.iterancestors():
        name = etree.QName(ancestor).localname
        if name in ("ins", "moveTo"):
            return "ins"
        if name in ("del", "moveFrom"):
            return "del"
        if name == "p":
            break
    return "eq"


def _segments(p: Any) -> list[tuple[str, str]]:
    """A paragraph as maximal stretches of kept, inserted and deleted text."""
    segments: list[tuple[str, str]] = []
    for node in _TEXT(p):
        kind, text = _kind(node), node.text or ""
        if not text:
            continue
        if segments and segments[-1][0] == kind:
            segments[-1] = (kind, segments[-1][1] + text)
        else:
            segments.append((kind, text))
    return segments


def _whole_word(segments: list[tuple[str, str]], index: int) -> bool:
    kind, text = segments[index]
    other = "del" if kind == "ins" else "ins"  # the view this stretch belongs to leaves the other out
    before = next((t for k, t in reversed(segments[:index]) if k != other), "")
    after = next((t for k, t in segments[index + 1 :] if k != other), "")
    starts_inside = bool(before) and before[-1].isalnum() and text[0].isalnum()
    ends_inside = bool(after) and text[-1].isalnum() and after[0].isalnum()
    return not starts_inside and not ends_inside


def _accept_text(segments: list[tuple[str, str]]) -> str:
    return "".join(text for kind, text in segments if kind != "del")


def readability(path: Path, renumbered: set[str]) -> Readability:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    result = Readability()
    for wrapper in root.iter(f"{{{W}}}ins", f"{{{W}}}del", f"{{{W}}}moveTo", f"{{{W}}}moveFrom"):
        parent = etree.QName(wrapper.getparent()).localname
        if parent in ("rPr", "trPr"):
            result.marks += 1
        elif _TEXT(wrapper):
            if etree.QName(wrapper).localname in ("ins", "moveTo"):
                result.inserted += 1
            else:
                result.deleted += 1
    current = ""  # the article (new number) the paragraphs belong to; "" for a removed one
    for p in root.iter(f"{{{W}}}p"):
        segments = _segments(p)
        accepted = _accept_text(segments)
        heading = _HEADING.match(accepted)
        if heading and len(accepted) < 40:
            current = re.sub(r"\s+", "", heading.group(1)).lower()
        elif not accepted.strip() and _HEADING.match("".join(t for k, t in segments if k != "ins")):
            current = ""  # a removed article's heading: what follows is its text, not noise
        for index, (kind, text) in enumerate(segments):
            if kind == "eq":
                continue
            result.stretches += 1
            result.whole_words += _whole_word(segments, index)
            if current in renumbered and re.search(r"[^\W\d_]", text):
                result.renumbered_noise += 1
    result.renumbered = len(renumbered)
    return result


def _article_texts(document: Document) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for article in document.articles():
        rows.append((article.number.normalised, " ".join(article.title.split())))
        for block in article.blocks:
            if isinstance(block, Table):
                rows.extend(tuple(" ".join(c.split()) for c in row) for row in block.rows)
            else:
                rows.append((" ".join(block.text.split()), *(" ".join(i.text.split()) for i in block.items)))
    return rows


def views(path: Path, old: Document, new: Document) -> str:
    try:
        back_old, back_new = read_revision_pair(path)
    except Exception as error:  # a tool's output rodiff cannot read is reported, not fatal
        return f"illeggibile ({type(error).__name__})"
    marks = ["ok" if _article_texts(a) == _article_texts(b) else "NO" for a, b in ((back_old, old), (back_new, new))]
    return "/".join(marks)


# ------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1 run, Vacallo and S only")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds; a slower run is not repeated")
    parser.add_argument("--redlines-python", help="a Python with python-redlines[docxodus,ooxmlpowertools] installed")
    parser.add_argument("--uno-python", help="a Python with LibreOffice's uno module (default: /usr/bin/python3)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs

    with tempfile.TemporaryDirectory(prefix="rodiff-redline-") as name:
        folder = Path(name)
        found, missing = tools(folder, args)
        pairs = inputs(folder, args.quick)
        first = next(iter(pairs.values()))
        for tool in found:  # warm-up: LibreOffice's first start, python-redlines' binary unpacking
            subprocess.run(tool.command(*first, folder / "warmup.docx"), capture_output=True, timeout=600)
        table = []
        for size, (old_path, new_path) in pairs.items():
            old, new = parse_file(old_path), parse_file(new_path)
            alignment = align(old, new)
            renumbered = {p.new[0].number.normalised for p in alignment.pairs if p.status == "renumbered"}
            outputs: dict[str, Path] = {}
            times: dict[str, list[float]] = {}
            stopped: dict[str, str] = {}  # tool -> why it is not run again at this size
            for round_ in range(runs):
                for index, tool in enumerate(found):
                    if tool.name in stopped:
                        continue
                    out = folder / f"{size}-{index}-{round_}.docx"
                    start = time.perf_counter()
                    try:
                        done = subprocess.run(tool.command(old_path, new_path, out), capture_output=True, timeout=args.timeout)
                    except subprocess.TimeoutExpired:
                        stopped[tool.name] = f"> {args.timeout:.0f} s"
                        continue
                    seconds = time.perf_counter() - start
                    if done.returncode != 0 or not out.exists():
                        stopped[tool.name] = "errore"
                        lines = done.stderr.decode(errors="replace").strip().splitlines()
                        tool.notes.append(f"{size}: {lines[-1] if lines else 'uscita ' + str(done.returncode)}")
                        continue
                    times.setdefault(tool.name, []).append(seconds)
                    outputs.setdefault(tool.name, out)
            for tool in found:
                if tool.name not in times:
                    table.append((size, tool.name, stopped.get(tool.name, "errore"), None))
                    continue
                measure = readability(outputs[tool.name], renumbered)
                measure.views = views(outputs[tool.name], old, new)
                table.append((size, tool.name, f"{statistics.median(times[tool.name]):.2f} s", measure))
            print(f"{size}: {len(old.articles())} -> {len(new.articles())} articles, {len(renumbered)} renumbered", flush=True)

    print(f"\nRedlines, median of {runs} interleaved run(s); readability of the first run's DOCX\n")
    header = f"{'size':<8}{'tool':<37}{'time':>9}{'ins':>7}{'del':>7}{'marks':>7}"
    header += f"{'whole words':>13}{'renumbered':>12}{'views':>8}"
    print(header)
    print("-" * len(header))
    for size, tool_name, seconds, measure in table:
        if measure is None:
            print(f"{size:<8}{tool_name:<37}{seconds:>9}")
            continue
        print(
            f"{size:<8}{tool_name:<37}{seconds:>9}{measure.inserted:>7}{measure.deleted:>7}{measure.marks:>7}"
            f"{measure.whole_share:>12.1%}{measure.noise_per_article:>12.1f}{measure.views:>8}"
        )
    print("\nrenumbered: changed stretches holding letters, per article renumbered without other change (0.0 = only numbers)")
    print("views: rejected all = old / accepted all = new, article by article, read back with rodiff")
    for line in missing:
        print(line)
    for tool in found:
        for note in tool.notes:
            print(f"{tool.name}: {note}")


if __name__ == "__main__":
    main()
