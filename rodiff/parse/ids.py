"""Stable element ids, one generator per document (never module-level counters).

Ids follow the Akoma Ntoso naming habit: ``tit_2__cap_1``, ``art_27a``,
``art_27a__cpv_2__lett_b``, ``art_1__par_1`` (unnumbered paragraph). Article ids do not
include the division, so that moving an article to another chapter keeps its id.
"""

from __future__ import annotations


class IdGenerator:
    def __init__(self) -> None:
        self._seen: set[str] = set()

    def unique(self, eid: str) -> str:
        """Return ``eid``, or ``eid__dup_2``, ``eid__dup_3``... when it is taken."""
        candidate, copy = eid, 1
        while candidate in self._seen:
            copy += 1
            candidate = f"{eid}__dup_{copy}"
        self._seen.add(candidate)
        return candidate
