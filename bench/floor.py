"""The floor rows of ``bench.vs_libreoffice``: what any Python tool built on the same libraries
pays before doing rodiff's work.

    .venv/bin/python -m bench.floor imports                # start Python, import the libraries, exit
    .venv/bin/python -m bench.floor table OLD NEW OUT      # python-docx reads both, writes the table

``imports``: the interpreter and the libraries of rodiff's design card that a DOCX
``confronto`` loads (click, lxml, python-docx, rapidfuzz, diff-match-patch), nothing else.

``table``: python-docx's public API reads both DOCX files and writes a three-column table of
the same size as the confronto's (one row per article of the longer file: the old article's
paragraphs, the new one's, an empty note), pairing articles by position, with no diff. This is
the floor the issue quoted ("python-docx reads both files and writes a table of the same size").
"""

from __future__ import annotations

import sys
from pathlib import Path


def articles(paragraphs: list[str]) -> list[list[str]]:
    """The paragraphs grouped by article: a group opens at each "Art. " line."""
    groups: list[list[str]] = []
    for text in paragraphs:
        if text.startswith("Art. ") or not groups:
            groups.append([])
        groups[-1].append(text)
    return groups


def table(old: Path, new: Path, out: Path) -> None:
    import docx

    old_articles = articles([p.text for p in docx.Document(str(old)).paragraphs])
    new_articles = articles([p.text for p in docx.Document(str(new)).paragraphs])
    document = docx.Document()
    grid = document.add_table(rows=0, cols=3)
    for index in range(max(len(old_articles), len(new_articles))):
        cells = grid.add_row().cells
        for cell, side in zip(cells, (old_articles, new_articles), strict=False):
            texts = side[index] if index < len(side) else [""]
            cell.text = texts[0]
            for text in texts[1:]:
                cell.add_paragraph(text)
    document.save(str(out))


def main(argv: list[str]) -> None:
    if argv[:1] == ["imports"]:
        import click  # noqa: F401
        import diff_match_patch  # noqa: F401
        import docx  # noqa: F401
        import lxml.etree  # noqa: F401
        import rapidfuzz  # noqa: F401
    elif argv[:1] == ["table"] and len(argv) == 4:
        table(Path(argv[1]), Path(argv[2]), Path(argv[3]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
