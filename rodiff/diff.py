"""Word diff of two texts: diff-match-patch behind one small adapter.

Texts are cut into tokens (words, numbers, punctuation, spaces), each token is mapped to
one private character, diff-match-patch runs on those strings with its semantic cleanup,
and the result is mapped back. So a change always reads as whole words:
"all'art. 23" -> "all'art. 26" gives ``[equal "all'art. ", delete "23", insert "26"]``,
never "2[3->6]".

Invariant (tested with hypothesis): the equal and deleted runs rebuild the old text, the
equal and inserted runs rebuild the new text, exactly.

``Diffs`` is the diff stage of one alignment: every consumer (the confronto, the automatic
osservazioni, the tracked-changes DOCX) asks it for the diff of an aligned unit (capoversi,
heading, title, whole article) and each distinct pair of texts is diffed once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from diff_match_patch import diff_match_patch

from .model import Block, PrintedLine, block_lines

if TYPE_CHECKING:
    from .align import ArticlePair, ParagraphPair

OpKind = Literal["equal", "delete", "insert"]

# Words keep inner apostrophes and dots of numbers ("all'art", "d'impiego", "5'000.00");
# everything else is one character per token, spaces grouped.
TOKEN = re.compile(r"\w+(?:['’.,]\w+)*|\s+|[^\w\s]", re.UNICODE)

_DMP_OPS: dict[int, OpKind] = {0: "equal", -1: "delete", 1: "insert"}
# Texts longer than this together (a long front or back matter) are diffed line by line first,
# then word by word inside each changed stretch no longer than WORD_HUNK_LIMIT; a longer one
# stays a whole deletion and insertion. diff-match-patch on whole long texts grows about
# quadratically; a real front or back matter is well under the limit and diffed as before.
LONG_TEXT = 20_000
WORD_HUNK_LIMIT = 5_000
_FIRST_CODE = 0xE000  # private use area first; past it, any non-surrogate code point
_PRIVATE_USE_END = 0xF900


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
    old_tokens, new_tokens = tokens(old), tokens(new)
    replaced = _one_token_replaced(old_tokens, new_tokens)
    if replaced is not None:
        return replaced
    book = _Codebook()
    encoded_old, encoded_new = book.encode(old_tokens), book.encode(new_tokens)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # exact, deterministic result (texts are one article each)
    raw = engine.diff_main(encoded_old, encoded_new, False)
    engine.diff_cleanupSemantic(raw)
    return _equal_spaces_out([Op(_DMP_OPS[code], book.decode(chars)) for code, chars in _merged_codes(raw)])


def _one_token_replaced(old: list[str], new: list[str]) -> list[Op] | None:
    """The diff of two token lists that differ in one token for one token ("Art. 11" ->
    "Art. 12", "all'art. 23" -> "all'art. 26": most diffs of a revision); None otherwise.

    diff-match-patch can only answer [equal, delete, insert, equal] there: it strips the common
    prefix and suffix, two different single characters are a deletion and an insertion, and no
    cleanup applies (no equality between changes, no overlap; a token is never a space that
    ``_equal_spaces_out`` would move). So it is not run.
    """
    if len(old) != len(new):
        return None
    at = next(index for index, (before, after) in enumerate(zip(old, new, strict=True)) if before != after)
    if old[at + 1 :] != new[at + 1 :]:
        return None
    ops = [Op("equal", "".join(old[:at]))] if at else []  # tokens are never empty, the texts around may be
    ops += [Op("delete", old[at]), Op("insert", new[at])]
    if at + 1 < len(old):
        ops.append(Op("equal", "".join(old[at + 1 :])))
    return ops


def diff_long(old: str, new: str) -> list[Op]:
    """``diff_words`` for texts of any length: lines first, words inside changed lines only.

    >>> diff_long("a\\nb c\\nd", "a\\nb x\\nd") == diff_words("a\\nb c\\nd", "a\\nb x\\nd")
    True
    """
    if len(old) + len(new) <= LONG_TEXT:
        return diff_words(old, new)
    book = _Codebook()
    encoded_old, encoded_new = book.encode(old.splitlines(keepends=True)), book.encode(new.splitlines(keepends=True))
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    ops: list[Op] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for code, chars in [*engine.diff_main(encoded_old, encoded_new, False), (0, "")]:
        text = book.decode(chars)
        if code == -1:
            deleted.append(text)
        elif code == 1:
            inserted.append(text)
        else:
            ops.extend(_hunk("".join(deleted), "".join(inserted)))
            deleted, inserted = [], []
            ops.append(Op("equal", text))
    return _merged(ops)


def _hunk(old: str, new: str) -> list[Op]:
    """One changed stretch of lines: word by word when short enough, else replaced whole."""
    if old and new and len(old) + len(new) <= WORD_HUNK_LIMIT:
        return diff_words(old, new)
    removed, added = Op("delete", old), Op("insert", new)
    return [op for op in (removed, added) if op.text]


class Diffs:
    r"""The word diffs of one alignment, each computed once and kept.

    One ``Diffs`` lives as long as its alignment (a revision session makes one and passes
    it to every consumer). Diffs are kept by the pair of texts, so a unit asked for twice,
    by the confronto and by the osservazioni, is diffed once; equal texts are not diffed.
    The returned tuples are shared: callers build new sequences, never change them.

    >>> diffs = Diffs()
    >>> diffs.texts("all'art. 23", "all'art. 26")
    (Op(kind='equal', text="all'art. "), Op(kind='delete', text='23'), Op(kind='insert', text='26'))
    >>> diffs.texts("all'art. 23", "all'art. 26") is diffs.texts("all'art. 23", "all'art. 26")
    True
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[Op, ...]] = {}
        # By id of the block, the block kept with its lines so that its id is not reused.
        self._printed: dict[int, tuple[Block, list[PrintedLine]]] = {}

    def texts(self, old: str, new: str) -> tuple[Op, ...]:
        """The diff of two texts (``diff_words``), computed at most once per pair of texts."""
        return self._kept_diff(old, new, diff_words)

    def lines(self, old: str, new: str) -> tuple[Op, ...]:
        """Texts of many lines, of any length (a front or back matter): ``diff_long``, computed once."""
        return self._kept_diff(old, new, diff_long)

    def _kept_diff(self, old: str, new: str, differ: Callable[[str, str], list[Op]]) -> tuple[Op, ...]:
        if old == new:
            return (Op("equal", old),) if old else ()
        ops = self._kept.get((old, new))
        if ops is None:
            ops = self._kept[old, new] = tuple(differ(old, new))
        return ops

    def printed(self, block: Block) -> list[PrintedLine]:
        """``model.block_lines`` of a block, made once: the confronto prints an old capoverso in
        its column and diffs it, the osservazioni read whole articles (shared: never changed)."""
        key = id(block)
        kept = self._printed.get(key)
        if kept is None:
            kept = self._printed[key] = (block, block_lines(block))
        return kept[1]

    def printed_text(self, blocks: Sequence[Block]) -> str:
        """``printed_text`` of the blocks, their lines made once."""
        return "\n".join(line.text for block in blocks for line in self.printed(block))

    def blocks(self, old: Sequence[Block], new: Sequence[Block]) -> tuple[Op, ...]:
        """Capoversi and tables as printed lines (``model.block_lines``) joined by newlines."""
        return self.texts(self.printed_text(old), self.printed_text(new))

    def paragraphs(self, pair: ParagraphPair) -> tuple[Op, ...]:
        """The capoversi of one aligned pair, as printed lines."""
        return self.blocks(pair.old, pair.new)

    def heading(self, pair: ArticlePair) -> tuple[Op, ...]:
        """ "Art. 11" -> "Art. 12": the headings of the first old and new article."""
        return self.texts(pair.old[0].display_heading, pair.new[0].display_heading)

    def title(self, pair: ArticlePair) -> tuple[Op, ...]:
        """The titles (note marginali) of the first old and new article."""
        return self.texts(pair.old[0].title, pair.new[0].title)

    def article(self, pair: ArticlePair) -> tuple[Op, ...]:
        """The whole bodies of the first old and new article, as printed lines."""
        return self.blocks(pair.old[0].blocks, pair.new[0].blocks)


def printed_text(blocks: Sequence[Block]) -> str:
    """Capoversi and tables as their printed lines (``model.block_lines``), one a line."""
    return "\n".join(line.text for block in blocks for line in block_lines(block))


def changed_middle(old: str, new: str) -> tuple[str, str]:
    """The two texts without their common beginning and end: all that a diff of them can change.

    >>> changed_middle("all'art. 23 cpv. 2", "all'art. 26 cpv. 2")
    ('3', '6')
    """
    engine = diff_match_patch()  # its binary searches compare slices, not characters one by one
    start = engine.diff_commonPrefix(old, new)
    old, new = old[start:], new[start:]
    end = engine.diff_commonSuffix(old, new)
    return old[: len(old) - end], new[: len(new) - end]


def old_text(ops: Sequence[Op]) -> str:
    return "".join(op.text for op in ops if op.kind != "insert")


def new_text(ops: Sequence[Op]) -> str:
    return "".join(op.text for op in ops if op.kind != "delete")


def is_formal_only(ops: Sequence[Op]) -> bool:
    """True when the changes touch only punctuation, spaces, case or apostrophe style."""
    changed = [op for op in ops if op.kind != "equal"]
    if not changed:
        return False
    deleted = _letters("".join(op.text for op in changed if op.kind == "delete"))
    inserted = _letters("".join(op.text for op in changed if op.kind == "insert"))
    return deleted == inserted


def changed_tokens(ops: Sequence[Op]) -> list[str]:
    """The word tokens deleted or inserted (for deciding what kind of change it is)."""
    return [t for op in ops if op.kind != "equal" for t in tokens(op.text) if t.strip() and re.match(r"\w", t)]


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


class _Codebook:
    """Tokens (or lines) <-> one private character each, so diff-match-patch compares whole units."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._tokens: dict[str, str] = {}

    def encode(self, items: list[str]) -> str:
        codes = self._codes
        fresh = [item for item in dict.fromkeys(items) if item not in codes]  # in order of first occurrence
        if fresh:
            chars = _codes_for(len(codes), len(fresh))
            codes.update(zip(fresh, chars, strict=True))
            self._tokens.update(zip(chars, fresh, strict=True))
        return "".join(map(codes.__getitem__, items))

    def decode(self, chars: str) -> str:
        return "".join(map(self._tokens.__getitem__, chars))


def _codes_for(start: int, count: int) -> str:
    """The codes of items ``start`` .. ``start + count - 1``, one character each."""
    first = _FIRST_CODE + start
    if first + count <= _PRIVATE_USE_END:  # the usual case, made in C
        return "".join(map(chr, range(first, first + count)))
    return "".join(_code_for(index) for index in range(start, start + count))


def _code_for(index: int) -> str:
    point = _FIRST_CODE + index
    if point >= _PRIVATE_USE_END:  # past the private use area: jump over it into the supplementary planes
        point = 0x10000 + (point - _PRIVATE_USE_END)
    return chr(point)


def _ends_with_one_space(text: str) -> bool:
    """Ends with a whitespace token that is one plain space (so moving it splits no token)."""
    return len(text) > 1 and text.endswith(" ") and not text[-2].isspace()


def _equal_spaces_out(ops: list[Op]) -> list[Op]:
    """Move a space shared by a deletion and an insertion into the equal runs (``ops`` merged).

    "del  → ins" shown as "[del ][ins ]" reads better as "[del][ins] ": semantic cleanup
    sometimes keeps a trailing space inside both changed runs.
    """
    result: list[Op] = []
    moved = False
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
            moved = True
            i += 2
            continue
        result.append(op)
        i += 1
    return _merged(result) if moved else result


def _merged_codes(raw: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """diff-match-patch's ops, still encoded, with empty ones dropped and adjacent ones of one
    kind joined (``_merged`` before decoding: one ``Op`` per run)."""
    merged: list[tuple[int, str]] = []
    for code, chars in raw:
        if not chars:
            continue
        if merged and merged[-1][0] == code:
            merged[-1] = (code, merged[-1][1] + chars)
        else:
            merged.append((code, chars))
    return merged


def _merged(ops: Iterable[Op]) -> list[Op]:
    """The ops with empty ones dropped and adjacent ones of one kind joined."""
    merged: list[Op] = []
    for op in ops:
        if not op.text:
            continue
        if merged and merged[-1].kind == op.kind:
            merged[-1] = Op(op.kind, merged[-1].text + op.text)
        else:
            merged.append(op)
    return merged
