"""Raw OOXML for Word revisions (tracked changes) and comment anchors.

python-docx has no API for revisions. The pieces are small and all live here, built with
python-docx's ``OxmlElement`` and ``qn`` on top of ``rodiff.render.ooxml``:

- ``w:ins`` / ``w:del`` around runs; a deleted run holds ``w:delText``, not ``w:t``;
- a paragraph mark inserted or deleted: ``w:pPr/w:rPr/w:ins`` (``w:del``): Word joins a
  paragraph whose mark is deleted with the next one when the change is accepted;
- a paragraph property change (``w:pPrChange``), holding the old properties;
- a table row inserted or deleted (``w:trPr/w:ins``, ``w:del``);
- the anchor of a comment (``w:commentRangeStart``, ``w:commentRangeEnd`` and the
  ``w:commentReference`` run) around a whole paragraph;
- ``w:trackRevisions`` in the settings, so that later edits are tracked too.

Every revision carries ``w:id`` (unique in the document), ``w:author`` and ``w:date``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .elements import Element, element

RevisionKind = Literal["ins", "del"]

# Children of w:settings that come before w:trackRevisions, in schema order.
_SETTINGS_BEFORE_TRACK = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
)
# Children of w:trPr that must follow w:ins / w:del.
_TRPR_AFTER = (qn("w:trPrChange"),)
# Children of w:pPr that follow w:rPr (the paragraph mark's properties).
_PPR_AFTER_RPR = (qn("w:sectPr"), qn("w:pPrChange"))
# Qualified names used once per run or paragraph: worked out once, not on every call
_ID, _T, _DEL_TEXT, _PPR, _RPR = qn("w:id"), qn("w:t"), qn("w:delText"), qn("w:pPr"), qn("w:rPr")


def revision_date(when: datetime) -> str:
    """``w:date`` text: "2024-03-01T10:00:00Z" for an aware time (in UTC), local time for a naive one."""
    if when.tzinfo is not None:
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.strftime("%Y-%m-%dT%H:%M:%S")


class Revisions:
    """Makes the revision marks of one document: one author, one date, ids counted up."""

    def __init__(self, author: str, when: datetime, first_id: int = 1) -> None:
        self.author = author
        self.date = revision_date(when)
        self._next = first_id
        self._prototypes: dict[str, Element] = {}

    def _mark(self, tag: str) -> Element:
        """``<w:ins w:id w:author w:date/>`` (or another tag), the next id: a copy of one
        made per tag with this author and date, cheaper than building each anew."""
        prototype = self._prototypes.get(tag)
        if prototype is None:
            prototype = self._prototypes[tag] = element(tag, id="", author=self.author, date=self.date)
        mark = prototype.__copy__()
        mark.set(_ID, str(self._next))
        self._next += 1
        return mark

    def inserted(self, runs: Iterable[Element]) -> Element:
        """``w:ins`` around ``runs``."""
        ins = self._mark("w:ins")
        for r in runs:
            ins.append(r)
        return ins

    def deleted(self, runs: Iterable[Element]) -> Element:
        """``w:del`` around ``runs``, their ``w:t`` turned into ``w:delText`` as Word requires."""
        deletion = self._mark("w:del")
        for r in runs:
            for t in r.findall(_T):
                t.tag = _DEL_TEXT
            deletion.append(r)
        return deletion

    def mark_paragraph(self, p: Element, kind: RevisionKind) -> None:
        """The paragraph mark of ``p`` inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
        rpr = _paragraph_mark_properties(p)
        rpr.append(self._mark(f"w:{kind}"))

    def paragraph_change(self, p: Element, old_properties: Element | None) -> None:
        """``w:pPrChange``: the paragraph properties before the change (``old_properties`` is a
        ``w:pPr`` without ``w:rPr``, or None for none); the current ones stay in ``w:pPr``."""
        ppr = _paragraph_properties(p)
        change = self._mark("w:pPrChange")
        old = OxmlElement("w:pPr")
        if old_properties is not None:
            for child in list(old_properties):
                if child.tag not in (qn("w:rPr"), qn("w:sectPr"), qn("w:pPrChange")):
                    old.append(child)
        change.append(old)
        ppr.append(change)

    def mark_row(self, tr: Element, kind: RevisionKind) -> None:
        """A table row inserted or deleted (``w:trPr/w:ins|w:del``); its cells' runs are marked apart."""
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = OxmlElement("w:trPr")
            tr.insert(0, trpr)
        mark = self._mark(f"w:{kind}")
        after = next((child for child in trpr if child.tag in _TRPR_AFTER), None)
        if after is None:
            trpr.append(mark)
        else:
            after.addprevious(mark)


def _paragraph_properties(p: Element) -> Element:
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = element("w:pPr")
        p.insert(0, ppr)
    return ppr


def _paragraph_mark_properties(p: Element) -> Element:
    ppr = _paragraph_properties(p)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = element("w:rPr")
        after = next((child for child in ppr if child.tag in _PPR_AFTER_RPR), None)
        if after is None:
            ppr.append(rpr)
        else:
            after.addprevious(rpr)
    return rpr


# ---------------------------------------------------------------------------- comments


def anchor_comment(p: Element, comment_id: int) -> None:
    """Anchor comment ``comment_id`` on the whole of paragraph ``p``: range start after the
    paragraph properties, range end and the reference run at the end (outside any revision)."""
    start = element("w:commentRangeStart", id=str(comment_id))
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        p.insert(0, start)
    else:
        ppr.addnext(start)
    p.append(element("w:commentRangeEnd", id=str(comment_id)))
    reference = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(element("w:rStyle", val="CommentReference"))
    reference.append(rpr)
    reference.append(element("w:commentReference", id=str(comment_id)))
    p.append(reference)


def set_comment_date(comment: Any, when: datetime) -> None:
    """The ``w:date`` of a python-docx ``Comment`` (it stamps the current time by itself)."""
    comment._comment_elm.set(qn("w:date"), revision_date(when))


# ---------------------------------------------------------------------------- settings


def track_revisions(settings: Element) -> None:
    """Turn on "Revisioni" (``w:trackRevisions``) in ``w:settings``: later edits are tracked too."""
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    before = {qn(f"w:{name}") for name in _SETTINGS_BEFORE_TRACK}
    position = 0
    for index, child in enumerate(settings):
        if child.tag in before:
            position = index + 1
    settings.insert(position, element("w:trackRevisions"))
