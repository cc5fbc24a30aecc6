"""From what a reader types to a PostgreSQL ``tsquery``.

Readers use web search syntax: words (all must match), "a phrase", ``OR``
between alternatives and ``-word`` to leave a word out. PostgreSQL's
``websearch_to_tsquery`` understands exactly that, but it matches whole
lexemes only, and the Dutch Snowball stemmer leaves plurals in ``-s`` alone:
``to_tsvector('dutch', 'innovaties')`` is ``'innovaties'``, not
``'innovatie'``. A custom dictionary (ispell/synonym) would fix that, but
needs files in the server's ``tsearch_data`` folder, which a managed
PostgreSQL does not let us ship.

So we parse the same syntax here and build the ``tsquery`` text ourselves:

- every word is reduced to letters and digits (nothing a reader types can
  become tsquery syntax: operators are only ever written by this module);
- a plural ``-s`` after ``e`` ("innovaties", "interventies") and ``'s``
  ("auto's") are dropped, and words of four letters or more become a
  *prefix* match on their stem (``innovatie:*``), so "innovaties" finds
  "innovatie" and the other way round;
- PostgreSQL still does the rest: ``to_tsquery('dutch_unaccent', …)`` applies
  ``unaccent``, the Dutch stemmer and the stop word list to each word.

Prefix matching makes a search a little broader ("zorg" also finds
"zorgverzekeraar"); ranking keeps the closest matches on top.
"""

import re
import unicodedata
from dataclasses import dataclass, field

SEARCH_CONFIG = "dutch_unaccent"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MIN_PREFIX_LENGTH = 4

# A quoted phrase (the closing quote may be missing) or a run of other text.
TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
WORD_RE = re.compile(r"[^\W_]+")


def clean_query(raw: str) -> str:
    """The query as we search for it: no control characters, bounded length."""
    text = "".join(
        " " if unicodedata.category(ch)[0] in "CZ" else ch for ch in raw or ""
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def normalise_word(word: str) -> str:
    word = word.lower()
    if len(word) >= 6 and word.endswith("es"):
        word = word[:-1]  # innovaties -> innovatie
    if len(word) >= MIN_PREFIX_LENGTH:
        return f"{word}:*"
    return word


# Letters a reader may type without the accent the text has (or with it).
ACCENTS = {
    "a": "aàáâäå",
    "c": "cç",
    "e": "eèéêë",
    "i": "iìíîï",
    "n": "nñ",
    "o": "oòóôöø",
    "u": "uùúûü",
    "y": "yýÿ",
}


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def passage_pattern(words: list[str]) -> str:
    """A PostgreSQL regular expression: the start of any of ``words``.

    Used (case-insensitively) to find where a snippet should come from; see
    the ``search_passage`` SQL function. Accents are optional both ways, and
    a plural ending is dropped as in ``normalise_word``. Words are letters
    and digits only (``WORD_RE``), so nothing here is a regex operator.
    """
    alternatives = []
    for word in words:
        word = normalise_word(strip_accents(word)).removesuffix(":*")
        alternatives.append(
            "".join(f"[{ACCENTS[ch]}]" if ch in ACCENTS else ch for ch in word)
        )
    return r"\m(?:" + "|".join(alternatives) + ")" if alternatives else "^"


@dataclass
class ParsedQuery:
    text: str
    tsquery: str = ""
    words: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.tsquery)


def parse(text: str) -> ParsedQuery:
    """Web search syntax to tsquery text; empty when there is nothing to find.

    A query needs at least one word that is not negated: "-armoede" alone
    would mean "every page without armoede", which is not a search.
    """
    parsed = ParsedQuery(text=text)
    parts: list[str] = []  # alternating terms and operators
    positive = False
    pending_or = False
    terms = 0
    for match in TOKEN_RE.finditer(text):
        if terms >= MAX_TERMS:
            break
        if match.group(2) is not None:
            negated, words = match.group(1), WORD_RE.findall(match.group(2))
            phrase = True
        else:
            negated, token = match.group(3), match.group(4)
            if token.lower() == "or" and not negated:
                pending_or = bool(parts)
                continue
            words = WORD_RE.findall(token)
            phrase = True  # "zorg-en-welzijn" keeps its words together
        words = [w for w in words if len(w) > 1 or w.isdigit()]
        if not words:
            continue
        if phrase and len(words) > 1:
            term = " <-> ".join(w.lower() for w in words[:-1])
            term = f"({term} <-> {normalise_word(words[-1])})"
        else:
            term = normalise_word(words[0])
        if negated:
            term = f"!{term}"
        else:
            positive = True
            parsed.words.extend(words)
        if parts:
            parts.append("|" if pending_or else "&")
        parts.append(term)
        pending_or = False
        terms += 1
    if positive:
        parsed.tsquery = " ".join(parts)
    return parsed
