"""Fill the nl catalogue from a YAML-free, reviewable mapping.

Usage: ``uv run python scripts/translate.py locale/nl/LC_MESSAGES/django.po
translations.tsv`` where each line of the TSV is ``English<TAB>Nederlands``.
Entries already translated are left alone; the script reports what is missing.
"""

import sys

import polib


def main(po_path: str, *tsv_paths: str) -> int:
    mapping = {}
    for tsv in tsv_paths:
        with open(tsv, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                english, dutch = line.split("\t", 1)
                mapping[english] = dutch
    po = polib.pofile(po_path)
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in mapping:
            entry.msgstr = mapping[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif "fuzzy" in entry.flags or not (
            all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        ):
            missing.append(entry.msgid)
    po.save()
    for msgid in missing:
        print(f"untranslated: {msgid}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
