"""What a command does not import: each command loads what its own work needs, so that rodiff
starts fast (the web page, the messaggio, PyYAML, another command's renderers stay out).

A fresh interpreter runs the command as ``rodiff`` does, then lists the modules it loaded.
Structural only: the timings live in ``bench/``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MARK = "--- modules ---"

# The command, then the names of the loaded modules after a line of its own (the command may print too).
RUN_AND_LIST = (
    "import sys\n"
    "from rodiff.cli import run\n"
    "code = run(sys.argv[1:])\n"
    f"print({MARK!r})\n"
    "print('\\n'.join(sorted(sys.modules)))\n"
    "sys.exit(code)\n"
)

# Two short versions without a sidecar rod.yaml, whose change touches words, not the numbers of a
# reference (a change of numbers only asks rodiff.xref whether they are references).
OLD = (
    "Art. 1 Scopo\n1 Il presente regolamento disciplina il rapporto di impiego dei dipendenti del Comune.\n\n"
    "Art. 2 Campo di applicazione\n1 Si applica a tutti i dipendenti.\n2 Il Municipio decide i casi dubbi.\n"
)
NEW = (
    "Art. 1 Scopo\n1 Il presente regolamento disciplina il rapporto di lavoro dei collaboratori del Comune.\n\n"
    "Art. 2 Campo di applicazione\n1 Si applica a tutti i collaboratori.\n\n"
    "Art. 3 Entrata in vigore\n1 Il regolamento entra in vigore con la ratifica.\n"
)

# Never needed by the commands below: the web page and its server, the messaggio (Jinja2, its
# YAML schema), PyYAML itself, and the commands on one document.
NEVER = {"rodiff.web", "starlette", "uvicorn", "rodiff.messaggio", "jinja2", "yaml"}


def loaded_modules(folder: Path, *args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", RUN_AND_LIST, *args], cwd=folder, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split(MARK)[1].split())


def texts(folder: Path) -> tuple[str, str]:
    (folder / "vecchio.txt").write_text(OLD, encoding="utf-8")
    (folder / "nuovo.txt").write_text(NEW, encoding="utf-8")
    return "vecchio.txt", "nuovo.txt"


def test_confronto_to_word(tmp_path: Path) -> None:
    modules = loaded_modules(tmp_path, "confronto", *texts(tmp_path), "--output", "c.docx", "--silenzioso")
    assert {"rodiff.session", "rodiff.compare.table", "rodiff.render.confronto_docx", "docx"} <= modules
    not_needed = {"rodiff.xref", "rodiff.cli.documento", "rodiff.render.confronto_html", "json", "decimal"}
    assert modules & (NEVER | not_needed) == set()


def test_revisioni_to_word(tmp_path: Path) -> None:
    modules = loaded_modules(tmp_path, "revisioni", *texts(tmp_path), "--output", "r.docx", "--silenzioso")
    assert {"rodiff.session", "rodiff.render.revisioni_docx"} <= modules
    not_needed = {"rodiff.xref", "rodiff.compare.table", "rodiff.render.confronto_docx", "rodiff.cli.documento", "json"}
    assert modules & (NEVER | not_needed) == set()


def test_allinea_builds_no_confronto_table(tmp_path: Path) -> None:
    modules = loaded_modules(tmp_path, "allinea", *texts(tmp_path), "--silenzioso")
    assert {"rodiff.session", "rodiff.align"} <= modules
    assert modules & (NEVER | {"rodiff.compare.table", "rodiff.xref", "docx"}) == set()


def test_analizza_loads_no_revision_stage(tmp_path: Path) -> None:
    old, _ = texts(tmp_path)
    modules = loaded_modules(tmp_path, "analizza", old, "--silenzioso")
    assert {"rodiff.parse", "rodiff.render.outline"} <= modules
    stages = {"rodiff.session", "rodiff.align", "rodiff.diff", "rodiff.compare", "rodiff.cli.revisione", "rapidfuzz"}
    assert modules & (NEVER | stages | {"docx", "json"}) == set()


def test_versione_loads_no_command(tmp_path: Path) -> None:
    modules = loaded_modules(tmp_path, "--versione")
    assert "rodiff.cli" in modules
    assert modules & {"rodiff.cli.revisione", "rodiff.cli.documento", "rodiff.web.command", "rodiff.session"} == set()


def test_versione_speaks_italian() -> None:
    result = subprocess.run([sys.executable, "-m", "rodiff", "--versione"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("rodiff, versione ")
