"""The hostile and clumsy input set, built at test time (nothing big is committed).

``build_inputs(folder)`` writes every input into ``folder`` and returns them as ``Hostile``
records: what the file is, which role it plays (a regulation text, a messaggio.yaml, an
osservazioni file, a sidecar, a Word template), and whether it needs a fresh process (zip
bombs: memory is measured there). ``tests/test_hostile.py`` runs every command on every
input; ``bench/hostile.py`` prints the table (inputs, commands, exit codes, max RSS, time).

Zip bombs are made of zeros, which deflate about 1000 to 1: a 20 MB part is 20 KB on disk and
takes a tenth of a second to build; the limits refuse it by its compression ratio. A part
that claims a size larger than the limit is refused by its declared size before any reading.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Role = Literal["text", "dati", "osservazioni", "sidecar", "modello"]

ROOT = Path(__file__).resolve().parent.parent.parent
OLD = ROOT / "corpus" / "mendrisio" / "art31-32-vecchio.txt"
NEW = ROOT / "corpus" / "mendrisio" / "art31-32-nuovo.txt"
GOOD_DATA = ROOT / "corpus" / "vacallo" / "messaggio.yaml"


@dataclass(frozen=True)
class Hostile:
    name: str
    path: Path
    role: Role
    subprocess: bool = False  # run in a fresh process, with a timeout and its memory measured


# ------------------------------------------------------------------ DOCX building blocks

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _paragraphs(text: str) -> str:
    from xml.sax.saxutils import escape

    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in text.split("\n"))


def document_xml(text: str, section: bool = True, prolog: str = "") -> str:
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>' if section else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{_paragraphs(text)}{sect}</w:body></w:document>'
    )


def write_docx(path: Path, document: str, extra: dict[str, bytes] | None = None, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _zeros_part(megabytes: int) -> bytes:
    return b"\0" * (megabytes * 1024 * 1024)


def _bad_crc(path: Path, text: str) -> Path:
    """A stored (uncompressed) document.xml with one byte changed after the CRC was computed."""
    write_docx(path, document_xml(text), method=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    index = data.index(b"Invariato")
    data[index] = ord("X")
    path.write_bytes(bytes(data))
    return path


def _bad_deflate(path: Path, text: str) -> Path:
    """A deflated document.xml whose compressed bytes are scrambled in the middle."""
    write_docx(path, document_xml(text))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 40, start + 80):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def _lying_size(path: Path, text: str) -> Path:
    """document.xml declares 3 GB in the central directory (a forged header)."""
    write_docx(path, document_xml(text))
    data = bytearray(path.read_bytes())
    position = data.index(b"PK\x01\x02")  # the central directory: one record per part
    while True:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_length]) == b"word/document.xml":
            struct.pack_into("<I", data, position + 24, 3_000_000_000)  # the uncompressed size
            break
        position = data.index(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))
    return path


def _nested_tables(depth: int) -> str:
    inner = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>'


# ------------------------------------------------------------------ the set


def build_inputs(folder: Path) -> list[Hostile]:
    """Write the hostile set into ``folder`` (about a second) and describe it."""
    folder.mkdir(parents=True, exist_ok=True)
    new = NEW.read_text(encoding="utf-8")
    found: list[Hostile] = []

    def text(name: str, data: bytes, role: Role = "text", subprocess: bool = False) -> None:
        path = folder / name
        path.write_bytes(data)
        found.append(Hostile(name, path, role, subprocess))

    def docx(name: str, build: Path, subprocess: bool = False) -> None:
        found.append(Hostile(name, build, "text", subprocess))

    utf8 = new.encode("utf-8")
    # --- text
    text("buono.txt", utf8)
    text("salto-pagina.txt", new.replace("Art. 32", "\fArt. 32").replace("\n", "\r\n", 5).encode("utf-8"))
    text("a-capo-misti.txt", new.replace("\n", "\r", 3).replace("Art. 31", "Art.\u200b31").encode("utf-8"))
    text("separatori-unicode.txt", new.replace("Invariato.", "Invariato.\u2028\x85\v\x1c", 2).encode("utf-8"))
    text("nul-dopo-4kb.txt", (new + "\n" + "Nota.\n" * 900 + "Testo\x00con\x01controlli\x07.\n").encode("utf-8"))
    text("utf16-senza-bom.txt", new.encode("utf-16-le"))
    text("utf16-con-bom.txt", b"\xff\xfe" + new.encode("utf-16-le"))
    text("windows-1252.txt", new.replace("’", "'").encode("cp1252"))
    text("binario.txt", bytes(range(256)) * 40)
    text("vuoto.txt", b"")
    text("solo-spazi.txt", b"   \n\n\t \n")
    text("senza-articoli.txt", b"Un testo qualunque, senza articoli.\n")
    text("combinanti.txt", new.replace("Art. 32", "Art\u0301. 3\u03012").encode("utf-8"))
    text("rtl.txt", new.replace("Art. 32", "Art. \u200f32").encode("utf-8"))
    text("parentesi.txt", ("Art. 1 Scopo\n1. " + "(" * 50_000 + ")" * 50_000 + "\n").encode("utf-8"))
    text("riga-enorme.txt", ("Art. 1 Scopo\n1. " + "parola " * 300_000 + "\n").encode("utf-8"))
    text("troppo-grande.txt", b"Art. 1\n" + b"x" * (11 * 1024 * 1024))
    text("-trattino.txt", utf8)
    text("finto.docx", utf8)
    text("finto.pdf", utf8)
    text("rotto.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    text("vecchio.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    text("documento.rtf", b"{\\rtf1\\ansi Art. 1}")
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    text("documento.odt", odt.getvalue())
    text("archivio.zip.docx", _zip_without_document())
    # --- DOCX
    docx("buono.docx", write_docx(folder / "buono.docx", document_xml(new)))
    docx("senza-sectpr.docx", write_docx(folder / "senza-sectpr.docx", document_xml(new, section=False)))
    docx("crc-sbagliato.docx", _bad_crc(folder / "crc-sbagliato.docx", new))
    docx("deflate-rovinato.docx", _bad_deflate(folder / "deflate-rovinato.docx", new))
    docx("dimensione-falsa.docx", _lying_size(folder / "dimensione-falsa.docx", new))
    dtd = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    docx("dtd-xxe.docx", write_docx(folder / "dtd-xxe.docx", document_xml(new, prolog=dtd).replace("Invariato", "&xxe;", 1)))
    docx("tabelle-annidate.docx", write_docx(folder / "tabelle-annidate.docx", _nested_tables(300)))
    half = (folder / "buono.docx").read_bytes()
    text("troncato.docx", half[: len(half) // 2])
    bomb = {"document": "word/document.xml", "stili": "word/styles.xml", "immagine": "word/media/image1.png"}
    for label, part in bomb.items():
        extra = {part: _zeros_part(20)} if part != "word/document.xml" else None
        document = document_xml(new) if extra else document_xml(new) + " " * (20 * 1024 * 1024)
        path = write_docx(folder / f"bomba-{label}.docx", document, extra)
        docx(f"bomba-{label}.docx", path, subprocess=True)
    # --- YAML: messaggio.yaml, osservazioni.yaml, a sidecar
    bombs = {
        "alias": 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\ncomune: *g\n",
        "alias-chiave": 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n? [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n: x\n",
        "data-inesistente": GOOD_DATA.read_text(encoding="utf-8").replace("2023-", "2024-02-30\n#", 1),
        "data-zero": "comune: Vacallo\ndata: 0000-00-00\n",
        "anno-apice": GOOD_DATA.read_text(encoding="utf-8").replace("anno: 2023", 'anno: "²⁰²⁴"', 1),
        "parentesi": "comune: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "tipo-sbagliato": "comune: [1, 2]\n12: [una, lista]\n",
        "sintassi": "comune: Vacallo\n  anno: : 2023\n",
        "non-utf8": "comune: Città\n",
    }
    for label, content in bombs.items():
        data = content.encode("cp1252") if label == "non-utf8" else content.encode("utf-8")
        for role in ("dati", "osservazioni", "sidecar"):
            text(f"{role}-{label}.yaml", data, role)
    # messaggio fields with raw HTML: the Markdown messaggio must show it as typed
    scripted = GOOD_DATA.read_text(encoding="utf-8").replace("oggetto: ", "oggetto: <script>alert(1)</script> ", 1)
    text(
        "dati-script.yaml", scripted.replace("premessa: |\n", "premessa: |\n  <img src=x onerror=alert(1)>\n", 1).encode(), "dati"
    )
    # --- templates for the messaggio: not Word, no page setup, loops, output, recursion
    text("modello-non-docx.docx", b"questo non e un documento Word\n", "modello")
    for name, body in TEMPLATE_PAYLOADS.items():
        for suffix in (".md.j2", ".html.j2"):
            text(f"{name}{suffix}", f"Comune di {{{{ comune }}}}\n{body}\n".encode(), "modello")
        template = write_docx(folder / f"{name}.docx", document_xml(f"Comune di {{{{ comune }}}}\n{body}"))
        found.append(Hostile(template.name, template, "modello"))
    shutil.copy(folder / "senza-sectpr.docx", folder / "modello-senza-sectpr.docx")
    found.append(Hostile("modello-senza-sectpr.docx", folder / "modello-senza-sectpr.docx", "modello"))
    return found


# Templates that would run for hours or fill the memory without the sandbox's limits
TEMPLATE_PAYLOADS = {
    "modello-cicli": "{% for i in range(10**6) %}{% for j in range(10**6) %}x{% endfor %}{% endfor %}",
    "modello-cicli-muti": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "modello-uscita": "{% for i in range(25) %}{{ 'x' * 999999 }}{% endfor %}",
    "modello-ricorsivo": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
}


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "non un documento")
    return buffer.getvalue()


# ------------------------------------------------------------------ the commands run on each input


def commands_for(item: Hostile, out: Path) -> list[list[str]]:
    """Every command that reads ``item`` in its role, writing (when it writes) into ``out``."""
    old, new, data = str(OLD), str(NEW), str(GOOD_DATA)
    if item.role == "dati":
        runs = [["messaggio", old, new, "--dati", str(item.path), "-o", str(out / "m.docx"), "--controllo", str(out / "c.txt")]]
        if "script" in item.name:  # raw HTML in the fields: the Markdown messaggio too
            runs.append(["messaggio", old, new, "--dati", str(item.path), "--formato", "md", "-o", str(out / "m.md")])
        return runs
    if item.role == "osservazioni":
        return [
            ["confronto", old, new, "--osservazioni", str(item.path), "-o", str(out / "c.docx")],
            ["revisioni", old, new, "--commenti", str(item.path), "-o", str(out / "r.docx")],
        ]
    if item.role == "sidecar":
        return [
            ["analizza", str(item.path.with_suffix(".txt"))],
            ["confronto", old, str(item.path.with_suffix(".txt")), "-o", str(out / "c.md"), "--formato", "md"],
        ]
    if item.role == "modello":
        formato = "md" if item.name.endswith(".md.j2") else "html" if item.name.endswith(".html.j2") else "docx"
        return [
            [
                "messaggio",
                old,
                new,
                "--dati",
                data,
                "--modello",
                str(item.path),
                "--formato",
                formato,
                "-o",
                str(out / f"m.{formato}"),
            ]
        ]
    path = str(item.path)
    suffix = item.path.suffix or ".txt"
    return [
        ["analizza", "--", path],
        ["analizza", path, "--formato", "akn", "-o", str(out / "a.xml")],
        ["allinea", old, path],
        ["confronto", old, path, "-o", str(out / "c.docx")],
        ["confronto", old, path, "--formato", "html", "-o", str(out / "c.html")],
        ["osservazioni", old, path, "-o", str(out / "o.yaml")],
        ["rinvii", path, "--vecchio", old, "--correggi", "-o", str(out / f"corretto{suffix}")],
        ["termini", old, path],
        ["messaggio", old, path, "--dati", data, "--formato", "md", "-o", str(out / "m.md"), "--controllo", str(out / "c.txt")],
        ["revisioni", old, path, "-o", str(out / "r.docx")],
    ]


def prepare_sidecars(items: list[Hostile]) -> None:
    """A regulation beside each sidecar YAML, so that reading it reads the sidecar."""
    for item in items:
        if item.role == "sidecar":
            shutil.copy(NEW, item.path.with_suffix(".txt"))
