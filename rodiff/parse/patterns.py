"""Every regular expression rodiff uses to read a regulation, named and compiled once.

Each pattern is in verbose mode with a comment per alternative and real examples from the
seed documents (Vacallo, Mendrisio, Stabio, Alto Malcantone). Longer alternatives first.
Line patterns are anchored at the start of a stripped line; a line is classified by the
first rule of ``rodiff.parse.lines.LINE_RULES`` whose pattern matches.
"""

from __future__ import annotations

import re

from ..model import LATIN_SUFFIXES

# "bis|ter|quater|..." longest first, so that "quater" is not read as "q".
LATIN = "|".join(sorted(LATIN_SUFFIXES, key=len, reverse=True))

# An inserted-number suffix: "a", "bis", "abis" (cantonal "64abis").
SUFFIX = rf"(?:[a-z](?:{LATIN})?|{LATIN})"

# THE article-number grammar: a whole text that is an article (or paragraph) number, the
# one pattern behind ``Number.parse``. Use it with ``fullmatch``; the suffix ignores case.
#   "12", "27a", "27 a", "27A", "5bis", "5 ter", "64abis", " 3 "
# Not numbers: "27 xyz", "a27", "5-bis".
ARTICLE_NUMBER = re.compile(
    rf"""
    \s*(?P<num>\d+)
    (?P<gap>\s*)                # "27 a": the printed space, kept by respelling
    (?P<sfx>{SUFFIX})?           # "a", "bis", "abis"
    \s*
    """,
    re.VERBOSE | re.IGNORECASE,
)

# An article number in a heading, with its suffix attached or after one space:
#   "12", "27a", "27 a", "5bis", "5 ter", "64abis", "12500"
# A spaced single letter counts only when a title, a parenthesis or the end follows,
# so that "Art. 13 a tempo parziale" is not read as 13a. Up to ``MAX_ARTICLE_DIGITS`` digits:
# more than any act uses (a code has a few thousand articles), fewer than a year-and-number
# or an OCR'd run of digits; a longer number is refused with a warning (``OVERSIZED_ARTICLE_NUMBER``).
MAX_ARTICLE_DIGITS = 5
HEADING_NUMBER = rf"""
    (?P<num>\d{{1,{MAX_ARTICLE_DIGITS}}})
    (?:
        (?P<sfx>{SUFFIX})(?![a-zà-ÿ])                     # 27a, 5bis
      | \s(?P<sfx_spaced>{SUFFIX})(?=\s*$|\s+[^a-zà-ÿ\s]|[.:)\-–])  # 27 a, 5 ter
    )?
"""

# Article heading: "Art. 12", "Art 81", "ART. 5", "Articolo 3", with what follows.
#   "Art. 1"                          (Vacallo: title on the next line)
#   "Art. 13 Funzione stabile"        (Mendrisio: title on the same line)
#   "Art. 32 a Promozione per il corpo di Polizia comunale"
#   "Art. 27 a (nuovo)"               (marker)
#   "Art. 62 !"                       (Alto Malcantone OCR: "!" is a superscript cpv. 1)
ARTICLE_HEADING = re.compile(
    rf"""
    ^(?P<word>Articolo|ARTICOLO|Art\.|ART\.|Art|ART)\s*
    {HEADING_NUMBER}
    (?P<rest>(?:\s.*|[.:\-–].*)?)$
    """,
    re.VERBOSE,
)

# A line that reads like an article heading but whose number has too many digits:
#   "Art. 123456", "Articolo 9999999 Disposizioni finali"
OVERSIZED_ARTICLE_NUMBER = re.compile(rf"^(?:Articolo|ARTICOLO|Art\.|ART\.|Art|ART)\s*(?P<num>\d{{{MAX_ARTICLE_DIGITS + 1},}})")

# Markers on an article heading or as its whole body.
#   "(nuovo)", "(nuova)", "(abrogato)"
NEW_MARKER = re.compile(r"\(\s*nuov[oa]\s*\)", re.IGNORECASE)
REPEALED_MARKER = re.compile(r"\(\s*abrogat[oa]\s*\)", re.IGNORECASE)
# "Abrogato." / "Abrogato" / "(abrogato)" as a whole line
REPEALED_BODY = re.compile(r"^\(?\s*abrogat[oa]\s*\.?\s*\)?\.?$", re.IGNORECASE)

# Italian ordinal words for division numbers: "TITOLO PRIMO", "Titolo quarto".
ORDINALS = (
    "primo",
    "secondo",
    "terzo",
    "quarto",
    "quinto",
    "sesto",
    "settimo",
    "ottavo",
    "nono",
    "decimo",
    "undicesimo",
    "dodicesimo",
    "tredicesimo",
    "quattordicesimo",
    "quindicesimo",
)
_ORDINAL_ALT = "|".join(sorted(ORDINALS, key=len, reverse=True))

# Division heading:
#   "TITOLO PRIMO: GENERALITÀ"         (Vacallo)
#   "Capitolo 1 - NOMINA"              (Vacallo)
#   "TITOLO II"  (title on next line)  (Alto Malcantone)
#   "TITOLO |" / "TITOLO 1l" / "TITOLO il"   (Alto Malcantone OCR: I, II, III)
#   "CAPITOLO 3", "Sezione 1", "PARTE I"
DIVISION_HEADING = re.compile(
    rf"""
    ^(?P<kind>TITOLO|Titolo|CAPITOLO|Capitolo|SEZIONE|Sezione|PARTE|Parte)\s+
    (?P<dnum>
        (?i:{_ORDINAL_ALT})                 # PRIMO, quarto
      | [|lI1]{{1,4}}(?=\s|$|[:.\-–])       # OCR'd roman: "|", "1l" (and plain I, II, 1)
      | [|lI1i]{{1,4}}(?=\s*$)              # OCR'd roman alone on the line: "TITOLO il" (Alto Malcantone)
      | [IVXLC]+(?![a-z])                   # II, XIV
      | \d{{1,3}}(?![\d.,'])                # 1, 12
    )
    \s*(?:[:.\-–—]\s*)?
    (?P<dtitle>.*)$
    """,
    re.VERBOSE,
)

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# A roman numeral of ones as OCR reads it, with at least one misread stroke: "|" (I), "1l" (II),
# "il" (III in Alto Malcantone: two strokes merged). Its length is not to be trusted.
OCR_ROMAN_ONES = re.compile(r"(?=.*[|li])[|lI1i]+")

# Numbered capoverso at the start of a line. Tried in this order:
#   "1. I candidati ..."      dotted                 (Vacallo)
#   "1) Il Municipio ..."     closing parenthesis
#   "1bis Il collaboratore"   cantonal inserted paragraph
#   "1 Il Municipio ..."      bare number + capital (cantonal, Alto Malcantone)
#   "¹ Il Municipio", "² ..." superscript
#   "' I candidati", "! Il Municipio"   OCR'd superscript one (Alto Malcantone)
PARAGRAPH_DOTTED = re.compile(rf"^(?P<pnum>\d{{1,2}})(?P<psfx>{LATIN})?\.(?:\s+|$)(?P<ptext>.*)$")
PARAGRAPH_PAREN = re.compile(rf"^(?P<pnum>\d{{1,2}})(?P<psfx>{LATIN})?\)\s+(?P<ptext>.*)$")
# "2 lett. a) è pensionato" (Stabio fragments): a capoverso that opens with its lettera
# "2 …", "2 ...", "3 abrogato" (consolidated federal and cantonal acts): the numbered placeholder
# of a repealed capoverso, a capoverso of its own so that the next ones keep their numbers
PARAGRAPH_BARE = re.compile(
    rf"^(?P<pnum>\d{{1,2}})(?P<psfx>{LATIN})?\s+(?P<ptext>(?:[A-ZÀ-Ý«\"“(|'’]|lett\.\s?[a-z]|…|\.\.\.|abrogat[oa]\b).*)$"
)
# The text of a capoverso kept only to hold its number after it was repealed (consolidated
# federal and cantonal acts; ``PARAGRAPH_BARE`` reads them as capoversi,
# ``xref`` and ``align`` tell them from real text):
#   "2 …", "2 ...", "3 Abrogato", "3 abrogato.", "4 (abrogato)"
# Not "[…]": in a fragment that is unchanged text left out (Stabio), not a repealed capoverso.
PLACEHOLDER_PARAGRAPH = re.compile(r"^(?:…|\.\.\.|\(?\s*abrogat[oa]\s*\.?\s*\)?)\.?$", re.IGNORECASE)
# Text that marks elided, unchanged text in a fragment: "[…]", "[...]", "(…)"
ELISION = re.compile(r"^[\[(]\s*(?:…|\.\.\.)\s*[\])]$")
PARAGRAPH_SUPERSCRIPT = re.compile(r"^(?P<psup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?P<ptext>.*)$")
PARAGRAPH_OCR_ONE = re.compile(r"^(?P<pocr>['’!])\s*(?P<ptext>[A-ZÀ-Ý|].*)$")
# The same mark alone after an article heading: "Art. 62 !" (Alto Malcantone)
OCR_ONE_ALONE = re.compile(r"^['’!¹]$")
# A number alone on a line: a superscript that the extraction put on its own line
# (Alto Malcantone "1" above "| candidati alla nomina ...") or a page number.
LONE_NUMBER = re.compile(r"^(?P<lone>\d{1,3})$")

SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")

# Lettera at the start of a line:
#   "a) cittadinanza svizzera;"        (Vacallo)
#   "a. attua una politica ..."        (Alto Malcantone)
#   "dbis. ..."                        (cantonal inserted letter)
#   "lett. a) ..."
ITEM_LETTER = re.compile(rf"^(?P<lmarker>(?:lett\.\s*)?(?P<letter>[a-z](?:{LATIN})?)[).])\s+(?P<ltext>.*)$")
# Sub-item bullets: "- che l'orario ...", "• ...", "> ...", "» ..."
ITEM_BULLET = re.compile(r"^(?P<bullet>[-–—•·>»▪◦*])\s+(?P<btext>.*)$")

# Table row in the plain-text format: "| Classe | Funzione |"
TABLE_ROW = re.compile(r"^\|(?P<cells>.*)\|$")

# Where the regulation body ends and back matter (signatures, approval) begins:
#   "PER IL MUNICIPIO", "Per il Municipio", "Per il Consiglio comunale",
#   "Approvato dal Municipio con Risoluzione ...", "Ratificato dalla Sezione enti locali ...",
#   "---" (the corpus convention)
BACK_MATTER = re.compile(
    r"""
    ^(?:
        -{3,}$
      | (?i:per\s+il\s+(?:municipio|consiglio\s+comunale))\s*[:,.]?\s*$   # the whole line, not "Per il Municipio è…"
      | (?i:approvat[oa]\s+dal)\b
      | (?i:ratificat[oa]\s+dal)\b
      | (?i:adottat[oa]\s+dal\s+consiglio)\b
    )
    """,
    re.VERBOSE,
)

# Page furniture: "- 3 -", "Pagina 3 di 12", "pag. 3", "3/12"
PAGE_NUMBER = re.compile(
    r"""
    ^(?:
        [-–]\s*\d{1,3}\s*[-–]               # - 3 -
      | (?i:pag(?:ina|\.)?)\s*\d{1,3}(?:\s*(?:di|/)\s*\d{1,3})?   # Pagina 3 di 12
      | \d{1,3}\s*/\s*\d{1,3}               # 3/12
    )$
    """,
    re.VERBOSE,
)

# A line ending with a hyphen after a letter: "Re-" + "golamento" -> "Regolamento".
HYPHENATED_END = re.compile(r"(?<=[A-Za-zÀ-ÿ])[-‐]$")
# Abbreviations whose period does not end a sentence: "art.", "cpv.", "lett.", "ecc."
ABBREVIATION_END = re.compile(r"(?i:\b(?:art|artt|cpv|lett|ecc|n|no|nr|cfr|p\.es|sig|dott|cap|tit|let)\.)$")
# Sentence end: a wrapped raw line ending like this is likely the end of a paragraph.
SENTENCE_END = re.compile(r"[.;:!?»\"”)]$")

# Short text on an article heading line that reads as a title, not as body text.
TITLE_LIKE = re.compile(r"^[A-ZÀ-Ý«\"“(][^.;]{0,98}[^.;,]?$")

# Any text that has at least one letter or digit (blank-ish lines are ignored).
HAS_CONTENT = re.compile(r"\w")

# What opens a capoverso after its number: a capital, a quote, or its lettera. A number the
# sequence does not expect is still a capoverso's when this follows and the line stands apart:
#   "3. Valgono inoltre ..." (an extract showing only cpv. 3), "2 lett. a) è pensionato ..."
CAPOVERSO_OPENING = re.compile(r"^(?:[A-ZÀ-Ý«\"“(]|lett\.\s?[a-z])")

# In a fragment, a capoverso number glued inside a line after an elision or a sentence end
# (text pasted from one table cell of a revision message):
#   "1. La scala degli stipendi […] 6. Il Municipio può …"   -> cpv. 1 and 6
#   "… è applicabile il RUGraS. 8. Il Municipio, esaurite …" -> cpv. 8
# The builder takes it only above the last capoverso and not after "cpv." ("cfr. cpv. 6. Il").
GLUED_PARAGRAPH = re.compile(r"(?<=[.;:…\]])\s+(?P<pnum>\d{1,2})\.\s+(?=[A-ZÀ-Ý])")

# ------------------------------------------------------------------ raw text (parse.inputs, parse.lines, xref.fix)

# A line break as a text editor counts it: "\n", "\r\n", "\r" and nothing else (str.splitlines
# also breaks at \f, \v, \x1c-\x1e, \x85, \u2028, \u2029, and line numbers would shift).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Control characters that have no place in a regulation ("\t", "\n", "\r", "\f" are kept):
# NUL and friends after the first 4 KB, C1 codes of a wrongly decoded file.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# Invisible format characters that hide a number from the reader: zero-width space and
# joiners, direction marks and embeddings, word joiner, a BOM inside the text, soft hyphen.
#   "Art.\u200b12", "Art. \u200f12", "regola\u00admento"
INVISIBLE_CHARACTER = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# A combining mark left after NFC composition (no precomposed letter exists): "Art\u0301. 12".
COMBINING_MARK = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# A citation of an article of the same text inside a body, not of another law's article:
#   "previsto dall'art. 19 sono", "ai sensi dell'art. 81 (disdetta)", "articolo 62"
# Not: "art. 135 LOC", "art. 6 cpv. 1 LORD" (a law's abbreviation follows).
# The margin-title reader (``parse.margin``) uses it: a body rarely cites its own article.
ARTICLE_CITATION = re.compile(
    r"""
    \b(?:art\.|artt\.|articol[oi])\s*(?P<num>\d{1,3})\b
    (?!\s*(?:cpv\.?\s*\d+\)?\s*(?:lett\.\s*[a-z]\)?\s*)?)?(?-i:[A-Z]{2,}))   # "art. 135 LOC", "art. 6 cpv. 1 LORD"
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Margin-title reader (``parse.margin``): the opening of a paragraph that cannot open an
# article's body, because it points back to the text just before it or closes a provision.
#   "Tale misura è applicabile anche …", "Esso può comunicare …", "In tal caso il Municipio …"
#   "Resta riservata l'applicazione dell'art. 22", "Sono riservate le disposizioni della Legge …"
# Not: "Il Municipio …", "Tutti i collaboratori …", "Talvolta …", "Al Municipio è riservata …"
BACK_REFERENCE_OPENING = re.compile(
    r"^(?:Tale|Tali|Esso|Essa|Essi|Esse|Egli|Ella|Detto|Detta|Detti|Dette|Ciò|Inoltre|Tuttavia|Altresì"
    r"|In\s+(?:tal|tali|questo|questi)\s+cas[oi]|A\s+tal\s+fine)\b"
)
RESERVATION_OPENING = re.compile(r"^(?:(?:Resta|Restano|Rimane|Rimangono|Sono)\s+)?riservat[aeio]\b", re.IGNORECASE)
# A lettera mark the OCR turned into a sign: "¢) decesso;" (c), "©) …". Not "(a)", "a)", "1)".
OCR_ITEM_MARK = re.compile(r"^[^\w\s(«\"“'’|]\)\s")
# Margin-title reader (``parse.margin``): a capoverso "1" that the OCR read as a lower-case "l"
# before the capoverso's capital: "l Il Municipio …", "l La nomina …" (no Italian word is a lone
# "l" before a capital). Not "l'impiego …", "la nomina", "I Comuni …".
PARAGRAPH_OCR_L = re.compile(r"^(?P<pocr>l)\s+(?P<ptext>[A-ZÀ-Ý|].*)$")

# A body line that opens with a division named in a sentence, not a division heading: after the
# division's number the sentence goes on in lower case with a joining word (a heading's title
# follows its number after a separator or with a capital):
#   "Capitolo 4 del Titolo IV.", "Titolo II e III del presente regolamento", "Sezione 2 della Legge …",
#   "Capitolo 3 al quale rinvia l'art. 12", "Parte I, in particolare …", "Titolo II dell'ordinanza"
# Not: "Capitolo 1 - NOMINA", "TITOLO PRIMO: GENERALITÀ", "Sezione 1 Disposizioni generali", "TITOLO il",
# "TITOLO I DEL RAPPORTO D'IMPIEGO", "CAPITOLO 2"
DIVISION_MENTION = re.compile(
    r"^(?:TITOLO|Titolo|CAPITOLO|Capitolo|SEZIONE|Sezione|PARTE|Parte)\s+\S+?,?\s+"
    r"(?:(?:dell|all|nell|sull)'|(?:del|dello|della|dei|degli|delle|di|al|allo|alla|ai|agli|alle|a|e|ed|o|od"
    r"|in|nel|nello|nella|nei|negli|nelle|sul|sulla|che|cui|sono|è|cpv\.|lett\.)(?=\s|$))"
)

# Margin-title reader (``parse.margin``): a first word whose letters the OCR mixed up, capitals
# after a small letter ("SuUCCessivo." for "successivo."): its first capital is no sign that a
# sentence starts there. Not "Il", "LAINF", "L'applicazione", "DellAmministrazione" (an apostrophe
# lost before a capital), "McDonald", "PhD".
OCR_MIXED_CASE = re.compile(r"^[A-ZÀ-Ý]\w*?[a-zà-ÿ][A-ZÀ-Ý]{2}")
# Margin-title reader (``parse.margin``): a superscript "1" alone on its line as the OCR reads it,
# like a lone "1" (``LONE_NUMBER``) before its capoverso's text: "'", "’", "!", "¹", "l".
OCR_ONE_LINE = re.compile(r"^['’!¹l]$")
# Margin-title reader (``parse.margin``): an entry of a list whose marks the OCR lost, a label and
# a colon: "Segretario comunale: titolo accademico …", "Operatore sociale: Attestato …".
# Not "Se la disdetta è dovuta a colpa del collaboratore, …", "Il termine di preavviso è:" (a sentence).
LIST_ENTRY = re.compile(r"^[A-ZÀ-Ý|][^.:;,]{0,40}:\s")
