"""Word diff of two texts: diff-match-patch behind one small adapter.

Texts are cut into tokens (words, numbers, punctuation, spaces), each token is mapped to
one private character, diff-match-patch runs on those strings with its semantic cleanup,
and the result is mapped back. So a change always reads as whole words:
"all'art. 23" -> "all'art. 26" gives ``[equal "all'art. ", delete "23", insert "26"]``,
never "2[3->6]".

Invariant (tested with hypothesis): the equal and deleted runs rebuild the old text, the
equal and inserted runs rebuild the new text, exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch

OpKind = Literal["equal", "delete", "insert"]

# Words keep inner apostrophes and dots of numbers ("all'art", "d'impiego", "5'000.00");
# everything else is one character per token, spaces grouped.
TOKEN = re.compile(r"\w+(?:['’.,]\w+)*|\s+|[^\w\s]", re.UNICODE)

_DMP_OPS: dict[int, OpKind] = {0: "equal", -1: "delete", 1: "insert"}
_FIRST_CODE = 0xE000  # private use area first; past it, any non-surrogate code point


@dataclass(frozen=True)
class Op:
    kind: OpKind
    text: str


def tokens(text: str) -> list[str]:
    found = TOKEN.findall(text)
    assert "".join(found) == text  # the pattern covers every character
    return found


def diff_words(old: str, new: str) -> list[Op]:
    """Word-level diff with semantic cleanup; adjacent ops of one kind are merged."""
    if old == new:
        return [Op("equal", old)] if old else []
    codes: dict[str, str] = {}
    table: list[str] = []
    encoded_old = _encode(tokens(old), codes, table)
    encoded_new = _encode(tokens(new), codes, table)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # exact, deterministic result (texts are one article each)
    raw = engine.diff_main(encoded_old, encoded_new, False)
    engine.diff_cleanupSemantic(raw)
    ops: list[Op] = []
    for code, chars in raw:
        text = "".join(table[_decode_index(c)] for c in chars)
        if not text:
            continue
        kind = _DMP_OPS[code]
        if ops and ops[-1].kind == kind:
            ops[-1] = Op(kind, ops[-1].text + text)
        else:
            ops.append(Op(kind, text))
    return _equal_spaces_out(ops)


def old_text(ops: list[Op]) -> str:
    return "".join(op.text for op in ops if op.kind != "insert")


def new_text(ops: list[Op]) -> str:
    return "".join(op.text for op in ops if op.kind != "delete")


def is_formal_only(ops: list[Op]) -> bool:
    """True when the changes touch only punctuation, spaces, case or apostrophe style."""
    changed = [op for op in ops if op.kind != "equal"]
    if not changed:
        return False
    deleted = _letters("".join(op.text for op in changed if op.kind == "delete"))
    inserted = _letters("".join(op.text for op in changed if op.kind == "insert"))
    return deleted == inserted


def changed_tokens(ops: list[Op]) -> list[str]:
    """The word tokens deleted or inserted (for deciding what kind of change it is)."""
    return [t for op in ops if op.kind != "equal" for t in tokens(op.text) if t.strip() and re.match(r"\w", t)]


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _encode(items: list[str], codes: dict[str, str], table: list[str]) -> str:
    out = []
    for item in items:
        code = codes.get(item)
        if code is None:
            code = _code_for(len(table))
            codes[item] = code
            table.append(item)
        out.append(code)
    return "".join(out)


def _code_for(index: int) -> str:
    point = _FIRST_CODE + index
    if point >= 0xF900:  # past the private use area: jump over it into the supplementary planes
        point = 0x10000 + (point - 0xF900)
    return chr(point)


def _decode_index(char: str) -> int:
    point = ord(char)
    if point >= 0x10000:
        return point - 0x10000 + (0xF900 - _FIRST_CODE)
    return point - _FIRST_CODE


def _ends_with_one_space(text: str) -> bool:
    """Ends with a whitespace token that is one plain space (so moving it splits no token)."""
    return len(text) > 1 and text.endswith(" ") and not text[-2].isspace()


def _equal_spaces_out(ops: list[Op]) -> list[Op]:
    """Move a space shared by a deletion and an insertion into the equal runs.

    "del  → ins" shown as "[del ][ins ]" reads better as "[del][ins] ": semantic cleanup
    sometimes keeps a trailing space inside both changed runs.
    """
    result: list[Op] = []
    i = 0
    while i < len(ops):
        op = ops[i]
        if (
            i + 1 < len(ops)
            and op.kind == "delete"
            and ops[i + 1].kind == "insert"
            and _ends_with_one_space(op.text)
            and _ends_with_one_space(ops[i + 1].text)
        ):
            result.append(Op("delete", op.text[:-1]))
            result.append(Op("insert", ops[i + 1].text[:-1]))
            result.append(Op("equal", " "))
            i += 2
            continue
        result.append(op)
        i += 1
    merged: list[Op] = []
    for op in result:
        if merged and merged[-1].kind == op.kind:
            merged[-1] = Op(op.kind, merged[-1].text + op.text)
        else:
            merged.append(op)
    return merged
