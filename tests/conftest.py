"""Shared test helpers: the compact tree dump used by the fixture tests, corpus paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from rodiff.cli import run
from rodiff.model import Article, Division, Document, Item, Table

# In CI the property tests draw the same examples on every run (a submission must not fail on a
# new random draw it did not cause); on a developer's machine they explore fresh examples, and a
# counterexample found there becomes a fixed case in the test (as "𑜰" in test_scaling.py).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def dump(document: Document) -> str:
    """One line per node, indented: the expected side of tests/fixtures/parse/*.txt."""
    lines: list[str] = [f"front | {line}" for line in document.front]

    def node(n: Division | Article, depth: int) -> None:
        pad = "  " * depth
        if isinstance(n, Division):
            lines.append(f"{pad}{n.kind} {n.number} | {n.title}")
            lines.extend(f"{pad}  note | {note}" for note in n.notes)
            for child in n.children:
                node(child, depth + 1)
            return
        flags = "".join([" nuovo" if n.is_new else "", " abrogato" if n.is_repealed else ""])
        lines.append(f"{pad}art {n.number.normalised}{flags} | {n.title}")
        for block in n.blocks:
            if isinstance(block, Table):
                lines.append(f"{pad}  table | " + " || ".join(" | ".join(row) for row in block.rows))
                continue
            number = block.number.normalised if block.number else "-"
            lines.append(f"{pad}  cpv {number} | {block.text}")
            items(block.items, depth + 2)

    def items(nodes: tuple[Item, ...], depth: int) -> None:
        for item in nodes:
            lines.append(f"{'  ' * depth}item {item.label} | {item.text}")
            items(item.items, depth + 1)

    for n in document.body:
        node(n, 0)
    lines.extend(f"back | {line}" for line in document.back)
    lines.extend(f"furniture | {line}" for line in document.furniture)
    lines.extend(f"diagnostic | {d.code}" for d in document.diagnostics)
    return "\n".join(lines)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def corpus() -> Path:
    return CORPUS
