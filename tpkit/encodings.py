"""Which characters a CSV file holds: UTF-8, the 8-bit encodings spreadsheets still write, line by line.

* A file that is UTF-8 throughout is read as UTF-8 (with or without BOM; UTF-16 with its BOM too).
* Otherwise each line is read as UTF-8 where it is valid UTF-8 (unless the 8-bit reading of that line
  is more plausible text: ``Ä€`` in Windows-1252 happens to be UTF-8 for ``Ā``), and the other lines in
  the 8-bit encoding whose text is plausible: Windows-1252 (Excel on Windows), ISO-8859-15 (``€`` at
  0xA4) or Mac Roman (Excel on older Macs).
  One appended Windows-1252 row no longer turns the UTF-8 rows into ``KanÃ¤le``.
* When none of them gives plausible text, or two give different text equally plausible, the file is
  refused and the readings of its first such line are named; a guess would change names without a
  word. Mac Roman must be clearly more plausible than the others to win (``PRIOR``), twice over to be
  read without a word: a lone ``€a`` (Windows) or ``Äa`` (Mac) is refused as unclear, and so is any text that
  reads as Mac Roman only by its ``Ä`` (Windows' ``€``: ``€€€`` or ``Ärger``).
* Text that was converted twice (``KanÃ¤le`` for ``Kanäle``) is recognised in any cell and refused
  with the row and the text it should be.

Example
-------
>>> decode_text("t.csv", "Kanäle\\n".encode() + "Grüße\\n".encode("cp1252"))
('Kanäle\\nGrüße\\n', [])
>>> decode_text("t.csv", "Kanäle\\n".encode("mac_roman"))[0]
'Kanäle\\n'
"""

from __future__ import annotations

import re
from collections import Counter

from .problems import Problem

#: 8-bit encodings tried for lines that are not UTF-8, in this order when their texts are equal.
LEGACY = ("cp1252", "iso8859_15", "mac_roman")
NAMES = {"cp1252": "Windows-1252", "iso8859_15": "ISO-8859-15", "mac_roman": "Mac Roman"}
#: How much more plausible a rarer encoding's text must be to win: Mac Roman is rare today, and its
#: ``Ä`` is Windows' ``€`` (one byte decides nothing; a word such as ``KanŠle`` against ``Kanäle`` does).
PRIOR = {"mac_roman": 2}
#: Characters beyond ASCII that real names, labels and comments in Western European text contain.
PLAUSIBLE = frozenset("äöüÄÖÜßéèêëàâáçñóòôõúùûíìîïÉÈÊÀÂÁÇÑÓÒÔÚÙÛÍÌÎÏæøåÆØÅœŒ€£¥°§µ²³½¼¾·«»„“”‚‘’–—…•×÷¿¡©®™\u00a0"
                      # Central European letters (Latin Extended-A) but those Windows-1252 shows for Mac Roman's
                      # umlauts (Š š Ž ž Ÿ: ``schšn`` is ``schön``)
                      + "".join(chr(c) for c in range(0x100, 0x180) if c not in (0x160, 0x161, 0x17D, 0x17E, 0x178)))
#: Mojibake: the UTF-8 bytes of an accented letter or sign shown as Windows-1252 characters — a lead
#: byte (Â Ã Å for letters, â for signs such as € and –) and continuation bytes 0x80–0xBF.
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_SIGN_BEFORE_LETTER = re.compile(r"[^\w\s\x00-\x7f„“”‚‘’«»‹›–—•·\u00a0](?=[a-zß-öø-ÿ])")
_CAPITAL_INSIDE = re.compile(r"(?<=[a-zß-öø-ÿ])[À-ÖØ-ÞŠŽŒŸ]")
_ACCENTED_RUN = re.compile(r"[^\W\d_\x00-\x7f]{4,}")
#: A word of two or three Ä, between ASCII signs or spaces (``ÄÄÄ``: Mac Roman's reading of Windows' ``€€€``;
#: ``ÄÖÜ`` may be a real abbreviation).
_ACCENTED_WORD = re.compile(r"(?<![^\W\d_]|[^\x00-\x7f])Ä{2,3}(?![^\W\d_]|[^\x00-\x7f])")
#: Windows' readings of Mac Roman's signs that are capitals (``€`` → Û, ``–`` → Ð, ``—`` → Ñ, quotes → Ò Õ,
#: ``«`` ``»`` → Ç È, no-break space → Ê); standing alone they are no word (À, É, Ó, Ô can be: "À la carte").
_LONE_CAPITAL = re.compile(r"(?<![^\W\d_])[ÇÈÊÐÑÒÕÛ](?![^\W\d_])")
_MOJIBAKE = re.compile(f"[ÂÃÅ][{_CONTINUATION}]|â[{_CONTINUATION}]{{2}}")
_MOJIBAKE_LEADS = "ÂÃÅâ"


def plausibility(text: str) -> int:
    """How plausible the characters beyond ASCII are as Western or Central European text: +2 for each
    letter and +1 for each sign real text has (``Ö`` rather than ``÷``), −1 for the others (rare signs such as ``Š`` or ``‰``; −10 for a control character), −2 for a sign right before a
    small letter (``Stra§e``, ``€pfel``: Windows' reading of Mac Roman's ``ß`` and ``Ä``), −2 for
    each accented capital right after a small letter (``CafÈ``: Mac Roman's reading of Windows' ``é``;
    ``ÖkoPlus`` is fine), −3 for each letter in a run of four or more accented letters (``ïÔÚÙ``:
    Cyrillic read as Windows-1252), −3 for each letter of a word of two or three Ä (``ÄÄÄ``: Mac Roman's
    reading of a price tier ``€€€``) and −3 for an accented capital standing
    alone that is no word (``5 Û``: Windows' reading of Mac Roman's ``€``; ``À la carte`` is fine).

    >>> plausibility("Kanäle"), plausibility("Kan‰le"), plausibility("Café"), plausibility("CafÈ")
    (2, -3, 2, 0)
    >>> plausibility("STRAßE"), plausibility("ïÔÚÙ"), plausibility("5 Û"), plausibility("Ökologie")
    (2, -6, -1, 2)
    >>> plausibility("€€€;€€€"), plausibility("ÄÄÄ;ÄÄÄ")
    (6, -6)
    """
    score = sum(((2 if c.isalpha() else 1) if c in PLAUSIBLE else -10 if c <= "\x9f" else -1)
                for c in text if ord(c) > 127)
    score -= 2 * len(_CAPITAL_INSIDE.findall(text))
    score -= 2 * len(_SIGN_BEFORE_LETTER.findall(text))
    score -= 3 * sum(len(run) for run in _ACCENTED_RUN.findall(text))
    score -= 3 * len(_LONE_CAPITAL.findall(text))
    score -= 3 * sum(len(word) for word in _ACCENTED_WORD.findall(text))
    return score


def decode_text(file: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The text of a CSV file and the problems that prevent reading it (see the module docstring)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [Problem(file, None, None, "encoding")]
    if b"\x00" in data:     # (a NUL byte anywhere: no text file, or one cut into by another)
        at = data.index(b"\x00")
        return None, [Problem(file, None if at < 65536 else data.count(b"\n", 0, at) + 1, None, "not_text")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    legacy: list[int] = []
    text: list[str | None] = []
    for i, line in enumerate(lines):
        try:
            text.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            text.append(None)
            legacy.append(i)
    words = _words_beyond_ascii(b"".join(lines[i] for i in legacy))
    readings = {enc: "\n".join(w.decode(enc, errors="replace") for w in words) for enc in LEGACY}
    scores = {enc: _score(words, enc) - PRIOR.get(enc, 0) for enc in LEGACY}
    chosen = max(LEGACY, key=lambda enc: scores[enc])
    # readings as plausible as the best that differ from it (those showing mojibake are reported as such later);
    # a rarer encoding only ties when it is the best itself: it must be clearly more plausible to count (PRIOR),
    # and when it is the best, a common reading within its PRIOR ties with it (``€a`` or ``Äa``: one byte)
    margin = PRIOR.get(chosen, 0)
    tied = {readings[enc] for enc in LEGACY if not has_mojibake(readings[enc])
            and (enc == chosen or (not PRIOR.get(enc) and scores[enc] >= scores[chosen] - margin))}
    if chosen == "mac_roman" and len(tied) == 1 and not _mac_without_euro_signs(words):
        tied.add(readings["cp1252"])   # Mac Roman wins only by ``Ä`` for ``€`` (``A€€€``, ``Ärger``): unclear
    if scores[chosen] < 0 or len(tied) > 1:     # nothing reads as text, or two readings as well as each other
        row = 1 + legacy[0]
        found = " / ".join(f"{NAMES[enc]}: {lines[legacy[0]].decode(enc, errors='replace').strip()[:60]}"
                           for enc in LEGACY)
        return None, [Problem(file, row, None, "encoding_unclear", {"readings": found})]
    for i, line in enumerate(lines):
        if text[i] is None:
            text[i] = line.decode(chosen)
        elif not line.isascii():   # valid UTF-8 by chance? (``Ä€`` in Windows-1252 is UTF-8 for ``Ā``)
            other_reading = line.decode(chosen, errors="replace")
            if plausibility(other_reading) > plausibility(text[i]) and not has_mojibake(other_reading):
                text[i] = other_reading
    return "".join(t for t in text if t is not None), []


#: A word with a byte beyond ASCII, between ASCII signs and spaces: :func:`plausibility` looks at such a
#: character and its neighbours only, so a text's score is the sum of its words' scores.
_WORD_BEYOND_ASCII = re.compile(rb"[A-Za-z0-9\x80-\xff]*[\x80-\xff][A-Za-z0-9\x80-\xff]*")


def _words_beyond_ascii(data: bytes) -> Counter[bytes]:
    """The words of ``data`` with a byte beyond ASCII, each with how often it occurs (a file of 100,000 rows
    has a few hundred such words: each is read once in each encoding).

    >>> _words_beyond_ascii("Grüße, Grüße; 5 €".encode("cp1252"))
    Counter({b'Gr\\xfc\\xdfe': 2, b'\\x80': 1})
    """
    return Counter(_WORD_BEYOND_ASCII.findall(data))


def _score(words: Counter[bytes], encoding: str) -> int:
    """:func:`plausibility` of the words read in ``encoding``, −1000 for each byte it cannot read."""
    total = 0
    for word, n in words.items():
        text = word.decode(encoding, errors="replace")
        total += n * (plausibility(text) - 1000 * text.count("\ufffd"))
    return total


def _mac_without_euro_signs(words: Counter[bytes]) -> bool:
    """Whether Mac Roman still reads the ``words`` best without their bytes 0x80: Windows' ``€`` is Mac Roman's
    ``Ä``, and which one a text of such bytes means (``€aA€€`` or ``ÄaAÄÄ``) only its reader can tell.

    >>> _mac_without_euro_signs(_words_beyond_ascii("A€€€".encode("cp1252")))
    False
    >>> _mac_without_euro_signs(_words_beyond_ascii("Ärger Kanäle".encode("mac_roman")))
    True
    """
    kept: Counter[bytes] = Counter()
    for word, n in words.items():
        kept[word.replace(b"\x80", b"")] += n
    scores = {enc: _score(kept, enc) - PRIOR.get(enc, 0) for enc in LEGACY}
    return scores["mac_roman"] > max(scores[enc] for enc in LEGACY if enc != "mac_roman")


def has_mojibake(text: str) -> bool:
    """Whether ``text`` shows a sign of text converted twice (then its cells are checked one by one).

    >>> has_mojibake("Kanäle;KanÃ¤le"), has_mojibake("Kanäle")
    (True, False)
    """
    # (the characters every sign begins with, looked for first: the expression alone took 6 ms on 230,000 characters)
    return any(lead in text for lead in _MOJIBAKE_LEADS) and _MOJIBAKE.search(text) is not None


def mojibake(cell: str) -> str | None:
    """What a cell converted twice should read, or None when it shows no sign of it.

    >>> mojibake("KanÃ¤le"), mojibake("Kanäle"), mojibake("Preis in â‚¬")
    ('Kanäle', None, 'Preis in €')
    """
    if not has_mojibake(cell):
        return None
    try:                            # undoing the conversion must work strictly, or it was not one
        return cell.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
