"""The readable outline printed by ``rodiff analizza`` (Italian, for the secretary)."""

from __future__ import annotations

from ..model import Article, Division, Document

_KIND_NAMES = {"testo": "testo", "docx": "documento Word", "pdf": "PDF"}
_POSITION_NAMES = {"testo": "riga", "pdf": "riga", "docx": "paragrafo"}


def render_outline(document: Document) -> str:
    articles = document.articles()
    lines = [_title(document), _summary(document, articles), ""]
    for node in document.body:
        _node(node, 0, lines)
    if document.back:
        lines.append("")
        lines.append(f"Parte finale (firme, approvazione): {len(document.back)} righe conservate.")
    if document.furniture:
        lines.append(f"Intestazioni e numeri di pagina tolti dal testo: {len(document.furniture)} righe conservate a parte.")
    lines.append("")
    lines.extend(render_diagnostics(document))
    return "\n".join(lines).rstrip() + "\n"


def render_diagnostics(document: Document) -> list[str]:
    if not document.diagnostics:
        return ["Nessun avviso: la numerazione è regolare."]
    where = _POSITION_NAMES.get(document.source_kind, "riga")
    lines = [f"Avvisi ({len(document.diagnostics)}):"]
    for diagnostic in document.diagnostics:
        position = f"{where} {diagnostic.position}: " if diagnostic.position else ""
        lines.append(f"  [{diagnostic.severity}] {position}{diagnostic.message}")
    return lines


def _title(document: Document) -> str:
    title = document.metadata.title or (document.front[0] if document.front else "Regolamento")
    return f"{title} ({document.source_name})" if document.source_name else title


def _summary(document: Document, articles: list[Article]) -> str:
    paragraphs = sum(len(a.paragraphs) for a in articles)
    divisions = len(document.divisions())
    kind = _KIND_NAMES.get(document.source_kind, document.source_kind)
    counts = [_plural(len(articles), "articolo", "articoli"), _plural(paragraphs, "capoverso", "capoversi")]
    counts.append(_plural(divisions, "divisione", "divisioni"))
    return f"{', '.join(counts)} (letto come {kind})."


def _node(node: Division | Article, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    if isinstance(node, Division):
        label = f"{node.heading.split()[0] if node.heading else node.kind.upper()} {node.label}"
        lines.append(f"{indent}{label}" + (f" – {node.title}" if node.title else ""))
        for child in node.children:
            _node(child, depth + 1, lines)
        return
    lines.append(f"{indent}{_article_line(node)}")


def _article_line(article: Article) -> str:
    number = f"Art. {article.number.normalised}"
    parts = []
    paragraphs = article.paragraphs
    if article.is_repealed:
        parts.append("abrogato")
    else:
        numbered = [p for p in paragraphs if p.number is not None]
        if numbered:
            parts.append(_plural(len(paragraphs), "cpv.", "cpv."))
        elif len(paragraphs) > 1:
            parts.append(f"{len(paragraphs)} capoversi non numerati")
        items = [item for p in paragraphs for item in p.items]
        letters = sum(1 for item in items if item.is_letter)
        if letters:
            parts.append(_plural(letters, "lettera", "lettere"))
        if len(items) > letters:
            parts.append(_plural(len(items) - letters, "punto", "punti"))
        tables = len(article.blocks) - len(paragraphs)
        if tables:
            parts.append(_plural(tables, "tabella", "tabelle"))
    if article.is_new:
        parts.append("nuovo")
    details = f" ({', '.join(parts)})" if parts else ""
    title = article.title.rstrip(":") if article.title else "(senza titolo)"
    return f"{number:<10} {title}{details}"


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"
