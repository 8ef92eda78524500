"""Every regular expression of the cross-reference module, named and compiled once.

References are read like eyecite reads citations: a cheap prefilter (``might_cite``), an
``ANCHOR`` search for the words that open a reference ("art.", "cpv.", "lett.", "i
precedenti cpv."), then small token patterns applied one after the other with
``pattern.match(text, pos)`` by the scanner in ``extract.py``. No pattern nests unbounded
repetitions, so the scan is linear in the length of the text (tested on long hostile lines).

Each pattern is verbose, with a comment per alternative and real examples from the seeds
(Vacallo, Mendrisio, Stabio, Alto Malcantone); longer alternatives come first. The names of
other acts come from ``laws.toml`` (see ``laws.py``).
"""

from __future__ import annotations

import re

from ..parse.patterns import LATIN, SUFFIX
from .laws import ABBREVIATIONS, FORMER, INTERNAL, NAME_WORDS


def might_cite(text: str) -> bool:
    """Cheap prefilter: can ``text`` hold a reference at all? (most lines cannot)."""
    lower = text.lower()
    return "art" in lower or "cpv" in lower or "capovers" in lower or "lett" in lower


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """Escaped alternatives, longest first ("Cost. TI" before "Cost.", "CCS" before "CC")."""
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(set(words), key=len, reverse=True))


# Not preceded by a letter: "art." but not "dell'arte"; the OCR'd "dellart. 71" and
# "dellarticolo 62" (Alto Malcantone, apostrophe lost) are allowed explicitly.
_START = r"(?:(?<=dell)|(?<=dall)|(?<=nell)|(?<=all)|(?<![^\W\d_]))"

# The word that opens an article reference. Tried in this order:
#   "ARTT.", "Artt.", "artt. 17, 18, 21 e 22"   plural abbreviation
#   "ART.", "Art.", "art. 23", "art.143"         (Vacallo: "dall'art.143 LOC")
#   "art 134 cpv. 4"                             no full stop, a number must follow (Mendrisio)
#   "articolo 11", "articoli 20 e 20a", "dellarticolo 62"   spelled out, a number must follow
ARTICLE_WORD = re.compile(
    r"""
    (?: [Aa]rtt\. | ARTT\.                       # artt. 17, 18, 21 e 22
      | [Aa]rt\.  | ART\.                        # art. 23, Art. 23, art.143
      | [Aa]rt(?=\s?\d)                          # art 134 cpv. 4
      | (?:[Aa]rticol[oi]|ARTICOL[OI])(?=\s*\d)  # articolo 11, articoli 20 e 20a
    )
    """,
    re.VERBOSE,
)

# A paragraph word: "cpv. 5", "cpv.1", "cpv 1" (Alto Malcantone "art. 61 cpv 1 LOC"),
# "capoverso 3", "capoversi 2 e 3", "Cpv. 4".
PARAGRAPH_WORD = re.compile(
    r"""
    (?: [Cc]apovers[oi]                          # capoverso 3, capoversi 2 e 3
      | [Cc]pv\.                                 # cpv. 5
      | [Cc]pv(?=\s?\d)                          # cpv 1
    )
    """,
    re.VERBOSE,
)

# A letter word: "lett. a)", "lettera b", "lettere a) e b)" (Vacallo), "lett b".
LETTER_WORD = re.compile(
    r"""
    (?: [Ll]ettere | [Ll]ettera                  # lettera b, alle lettere a) e b)
      | [Ll]ett\.                                # lett. a)
      | [Ll]ett(?=\s[a-z])                       # lett b
    )
    """,
    re.VERBOSE,
)

# Where a reference may begin: the scanner tries the groups in this order.
#   relative: "i precedenti cpv." (Vacallo art. 56 cpv. 6), "secondo i capoversi precedenti",
#             "Come cpv. precedenti", "il capoverso seguente"
#   article:  "art. 23", "Artt. 17", "articolo 11", "dellart. 71"
#   paragraph: "al cpv. 1", "capoverso 1bis", "i capoversi 2 e 3 dell'art. 135"
#   letter:   "alle lettere a) e b)", "lett. b)"
ANCHOR = re.compile(
    rf"""
    {_START}
    (?:
        (?P<relative>
            (?:precedent[ei]|seguent[ei]|successiv[oi])\s+(?:cpv\.?|capovers[oi])(?![^\W\d_])
          | (?:[Cc]pv\.?|[Cc]apovers[oi])\s+(?:precedent[ei]|seguent[ei]|successiv[oi])(?![^\W\d_])
        )
      | (?P<article>{ARTICLE_WORD.pattern})(?=\s*\d)
      | (?P<paragraph>{PARAGRAPH_WORD.pattern})(?=\s*\d)
      | (?P<letter>{LETTER_WORD.pattern})(?=\s*[a-z])
    )
    """,
    re.VERBOSE,
)

# What follows a single spaced letter for it to be an article suffix ("art. 27 a"), so that
# "art. 13 a tempo parziale" and "artt. 21 e 22" are not read as 13a and 21e.
_SPACED_SUFFIX_OK = (
    r"""(?=\s*(?:[,.;:)(]|$)|\s+(?:cpv|[Cc]apovers|lett|del\b|della\b|dello\b|dell['’]|e\s|ed\s|o\s|ROD\b|[A-Z]{2,}))"""
)

# An article number with its suffix:
#   "23", "143", "27a", "32a", "329b" (CO), "5bis", "64abis"   attached
#   "5 bis", "5 ter"                                           spaced Latin word
#   "27 a" (Mendrisio "art. 27 a (nuovo)")                     spaced letter, not e/o, see above
ARTICLE_NUMBER = re.compile(
    rf"""
    (?P<num>\d{{1,4}})(?!\d)
    (?:
        (?P<sfx>{SUFFIX})(?![^\W\d_])                            # 27a, 5bis, 64abis
      | \s(?P<latin>{LATIN})(?![^\W\d_])                         # 5 bis
      | \s(?P<letter>[a-df-np-z](?:{LATIN})?)(?![^\W\d_]){_SPACED_SUFFIX_OK}  # 27 a, 64 abis
    )?
    """,
    re.VERBOSE,
)

# A paragraph number: "5", "1bis" (cantonal), "1 bis", "2)" (Alto Malcantone "cpv. 2)"),
# never three digits ("cpv. 100" is not a capoverso).
PARAGRAPH_NUMBER = re.compile(
    rf"""
    (?P<num>\d{{1,2}})(?!\d)
    (?:\s?(?P<sfx>{LATIN}))?(?![^\W\d_])
    (?P<close>\))?
    """,
    re.VERBOSE,
)

# A letter: "a)", "d)", "a", "u" (RALOC "lett. u"), "e." (Alto Malcantone "lettere e., f."),
# "dbis" (cantonal inserted letter).
LETTER = re.compile(
    rf"""
    (?P<letter>[a-z](?:{LATIN})?)
    (?:
        (?P<paren>\))                            # a)
      | (?P<dot>\.)(?!\w)                        # e.
      | (?![^\W\d_])                             # u, a
    )
    """,
    re.VERBOSE,
)

# What may follow a bare lettera ("lettera b", "lett. u") for it to be one: punctuation, the end,
# a list word, the capoverso or article it belongs to, or an act. So "le lettere e pacchi" (mail)
# and "lettera a tempo pieno" are not references.
#   "lett. u RALOC", "lettere a, b ed e LAVS", "lettera d dell'articolo 88f", "lettera b numero 2"
BARE_LETTER_END = re.compile(
    r"""
    (?= \s*(?:[,.;:)\]–-]|$)
      | \s+(?:e|ed|o|od|oppure|nonché|del|dello|della|dell['’]|degli|delle|al|dal|cpv|capovers|art|articol|numer|n\.
              |previgent|[A-Z])
    )
    """,
    re.VERBOSE,
)

# A comma alone between two bare lettere: "lettere a, e o f" (the "e" is a lettera, not "and").
COMMA = re.compile(r"""\s*,\s*""")

# A range of lettere: "lettere a–c", "lett. a-c)" (federal style).
LETTER_DASH = re.compile(r"""\s*[–-]\s*(?=[a-z](?:\)|\.|[^\w]|$))""")

# Between two items of a list:
#   ", "       "artt. 17, 18, 21 e 22", "lett. a), b), c)"
#   ", e "     "art. 34 (...), 35 e 36"
#   " e ", " ed ", " o ", " od ", " oppure "   "art. 12 e 13", "lett. a) o d)"
#   " nonché "  "articoli 12 capoverso 2 e 14 capoverso 1 nonché 15 capoverso 3" (federal)
SEPARATOR = re.compile(
    r"""
    (?: \s*,\s*(?:(?:e|ed|o|od|oppure|nonché)\s+)?
      | \s+(?:e|ed|o|od|oppure|nonché)\s+
    )
    """,
    re.VERBOSE,
)

# A final conjunction between two items: "capoversi 3 e 4", "lettere a o b".
CONJUNCTION = re.compile(r"""\s+(?:e|ed|o|od|oppure)\s+""")

# The "numero" (cifra) of an article, read as part of the article: "articolo 14 numero 2",
# "art. 5 n. 3", "art. 5 cifra 2" (federal style).
NUMERO = re.compile(r"""\s*(?:numer[oi]|n\.|cifr[ae])\s*\d{1,2}(?!\d)""")

# A number that is a quantity, not a reference: "art. 26, 3 mesi", "e 5 giorni".
QUANTITY = re.compile(
    r"""\s*(?:%|°|[.,]\d|(?:giorn[io]|mes[ei]|ann[oi]|or[ae]|settiman[ae]|franchi|fr\.|CHF|volt[ae]|class[ei])(?![^\W\d_]))"""
)

# "and following": "art. 125 segg. della Legge organica" (Alto Malcantone), "art. 319 ss CO",
# "art. 12 e seguenti".
FOLLOWING = re.compile(
    r"""
    \s*(?:e\s+)?
    (?: segg\. | seg\. | sgg\. | ss\. | ss(?![^\W\d_]) | seguenti(?![^\W\d_]) )
    """,
    re.VERBOSE,
)

# A title between brackets after the number: "all'art. 23 (occupazioni accessorie)" (Vacallo),
# "dell'art. 81 (disdetta)", "dell'art. 22 (supplenze)" (Alto Malcantone). Not a number first,
# so "(1)" or "(23)" are not hints.
HINT = re.compile(r"""\s*\((?P<hint>[^()\d\n][^()\n]{0,79})\)""")

# Any short bracket, skipped between letters and their article:
# "alle lettere a) e b) (fino a CHF 100.--) dell'art. 29" (Vacallo art. 30 cpv. 3).
BRACKET = re.compile(r"""\s*\([^()\n]{0,80}\)""")

_ABBREVIATIONS = _alternation(list(ABBREVIATIONS))
_NAMES = _alternation(list(NAME_WORDS))
# The abbreviations that name THIS regulation ("ROD"): never another act.
_OWN = _alternation([word for word in INTERNAL if re.fullmatch(r"[A-Z][A-Za-z]*", word)])

# A token shaped like the abbreviation of an act, whether laws.toml knows it or not: a capital,
# optionally lower-case letters, another capital, then letters. Communes cite cantonal acts
# that change name and abbreviation, so the shape decides, not a closed list:
#   "LSR", "LBCR", "LAVS", "LPers", "OPers", "RALOC", "LStip", "RLPDP", "CCS", "CO", "LResp"
# Not: this regulation ("ROD"), Roman numerals ("II", "XIV"), the currency ("CHF").
ABBREVIATION_SHAPE = re.compile(
    rf"""
    (?<![^\W\d_])
    (?!(?:{_OWN}|[IVXLCDM]+|CHF)(?![^\W\d_]))
    [A-Z][a-z]{{0,4}}[A-Z][A-Za-z]{{0,10}}
    (?![^\W\d_])
    """,
    re.VERBOSE,
)
_PREPOSITION = r"(?:del|della|dello|dell['’]|degli|delle|nella|nel|dalla|dal|alla|sulla)"

# Another act after the reference: external.
#   " LOC", " CO", " Cost.", " RALOC"                      "art. 134 cpv. 4 LOC", "art. 329b CO", "art. 29 Cost."
#   " della LCPol", " della LOC"                           "art. 9 lett. d della LCPol" (Mendrisio)
#   " della Legge sulla procedura amministrativa (LPAmm)"  "art. 68 cpv. 2 della Legge ..." (Mendrisio)
#   " del Codice delle Obbligazioni"                       "art. 329 del Codice delle Obbligazioni" (Vacallo)
#   " nella Legge federale sull'assicurazione militare"    "art. 37 LAINF e 7 nella Legge federale ..." (Vacallo)
#   " dell'ordinanza sul personale"                        "art. 99 dell'ordinanza sul personale" (Alto Malcantone)
#   " LSR", " LBCR", " della LResp"                         any abbreviation-shaped token (``ABBREVIATION_SHAPE``)
#   " della legge del 22 giugno 2007 sui dipendenti"       a dated act (federal style)
# The name runs for at most eight more words and stops at punctuation or at "e", "che", "il".
LAW = re.compile(
    rf"""
    (?:
        \s*(?:{_PREPOSITION}\s*)?(?P<abbr>{_ABBREVIATIONS})(?![^\W\d_])
      | \s*(?:{_PREPOSITION}\s*)?(?P<shaped>{ABBREVIATION_SHAPE.pattern})   # "art. 4 cpv. 2 lett. c LSR"
      | \s*{_PREPOSITION}\s*
        (?P<name>(?:{_NAMES})(?![^\W\d_])
            (?:\s+(?!(?:e|ed|o|che|il|la|i|le|per|se|non|è|sono)\s)[^\s.;:,()]+){{0,8}}
            (?:\s*\((?P<name_abbr>{_ABBREVIATIONS})\))?
        )
    )
    """,
    re.VERBOSE,
)

_INTERNAL = _alternation(list(INTERNAL))
_FORMER = _alternation(list(FORMER))

# This regulation, said explicitly: internal.
#   " del presente Regolamento", " del presente regolamento"   (Vacallo art. 78, Alto Malcantone)
#   " ROD"                                                    "art. 13 ROD", "art. 39 e 82 ROD" (Mendrisio, Alto Malcantone)
#   " del Regolamento organico dei dipendenti", " del Regolamento Organico dei dipendenti" (Mendrisio
#   dispositivo: the case of these phrases does not matter)
INTERNAL_MARK = re.compile(
    rf"""
    \s*(?:{_PREPOSITION}\s*)?(?P<internal>(?i:{_INTERNAL}))(?![^\W\d_])
    """,
    re.VERBOSE,
)

# The previous version of this regulation: "art. 51 ex ROD" (Alto Malcantone). Not checked.
FORMER_MARK = re.compile(
    rf"""
    \s*(?:{_PREPOSITION}\s*)?(?P<former>(?i:{_FORMER}))(?![^\W\d_])
    """,
    re.VERBOSE,
)

# The previous text named before the reference: "secondo il previgente articolo 73" (federal
# transitional provisions). Searched in the few characters before the anchor (``LABEL_WINDOW``
# is too short: ``FORMER_WINDOW``), anchored at their end.
FORMER_BEFORE = re.compile(r"""(?<![^\W\d_])previgent[ei]\s+$""")
FORMER_WINDOW = 16

# "al cpv. 1 del presente articolo" (Alto Malcantone): same article, said explicitly.
SAME_ARTICLE_MARK = re.compile(r"""\s+(?:del|dello)\s+(?:presente|stesso)\s+articolo(?![^\W\d_])""")

# The capoverso of a list of lettere: "lett. a del cpv. 1", "lett. b al cpv. 2".
LETTERS_OF_PARAGRAPH = re.compile(r"""\s+(?:del|al|dal)\s+""")

# The words of a title that tell it from another: letters only, three or more
# ("occupazioni accessorie" in "all'art. 23 (occupazioni accessorie)").
TITLE_WORD = re.compile(r"""[^\W\d_]{3,}""")

# The article after a paragraph or letter list ("reversed" order):
#   " dell'art. 134", " dell’art. 135"       "il capoverso 4 dell’art. 134" (Mendrisio)
#   " dellarticolo 62", " dell art. 5"       (Alto Malcantone OCR)
#   " art. 43"                               "al cpv. 2 art. 43 del presente Regolamento" (Alto Malcantone)
OF_ARTICLE = re.compile(
    rf"""
    \s*(?:(?:dell['’]?|del|dall['’]|nell['’])\s*)?
    (?P<word>{ARTICLE_WORD.pattern})\s*
    """,
    re.VERBOSE,
)

# The end of a range: "dall'art. 86 all'art. 93" (Alto Malcantone), "dall'art. 86 al 93".
RANGE_TO = re.compile(
    rf"""
    \s+(?:fino\s+)?(?:all['’]\s*|al\s+|a\s+)
    (?:{ARTICLE_WORD.pattern}\s*)?
    """,
    re.VERBOSE,
)
# "artt. 86-93", "art. 86 – 93"
RANGE_DASH = re.compile(r"""\s*[-–]\s*(?=\d)""")
# The preposition that opens a range: "dall'art. 86", "dall’art.", "dal".
RANGE_FROM = re.compile(r"""(?:[Dd]all['’]\s*|[Dd]al\s+)$""")

# What stands before a lettera that is a label, not a reference: the start of the text, or a
# bare capoverso number. The fragments of Stabio print "1. lett. h) per il decesso di ..." and
# "2 lett. a) è pensionato ...": capoverso 1, lettera h, as a heading of the quoted text.
# Searched in the few characters before the lettera (``LABEL_WINDOW``), anchored at their end.
LETTER_LABEL_BEFORE = re.compile(r"""(?:^|\s)\d{1,2}[.)]?\s+$""")
LABEL_WINDOW = 8


# An act named just before the reference (it is then a reference to that act):
#   "prevista dalla Legge sugli stipendi degli impiegati dello Stato e dei docenti all'art. 3" (Vacallo art. 35)
#   "stabiliti dalla LOC agli art. 208 e 213 LOC"                                               (Vacallo old art. 69)
#   "retta dalla legge sulla responsabilità civile ..., in particolare dall'articolo 11"     (federal style)
# The act's name is followed only by words (no punctuation), then the preposition; "della LOC
# e dell'art. 5" is not taken (a conjunction right before the reference).
PRECEDING_LAW = re.compile(
    rf"""
    (?:
        (?<![^\W\d_])(?P<abbr>{_ABBREVIATIONS})(?![^\W\d_])
      | (?<![^\W\d_])(?P<name>(?:[Ll]egge|Codice|Costituzione|[Oo]rdinanza|Regolamento\s+cantonale)(?![^\W\d_]))
    )
    (?P<gap>[^.;:,()\n]{{0,90}}?)
    (?<!\se)(?<!\sed)
    (?:
        \s+(?:al|all['’]|agli|nell['’]|negli|ai\s+sensi\s+dell['’])
      | ,\s*in\s+particolare\s+(?:al|all['’]|agli|dal|dall['’]|dagli|nell['’]|negli)   # "..., in particolare dall'articolo 11"
    )\s*$
    """,
    re.VERBOSE,
)
# How far back PRECEDING_LAW looks.
PRECEDING_WINDOW = 140
