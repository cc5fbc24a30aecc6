"""The sections of a dossier: the one declaration of which there are, in
which order, and what each shows.

Everything else derives from ``SECTIONS``: the page and its table of contents
(``Dossier.all_sections``), the admin's "Sections" fieldset, a version's
snapshot (``versions.DOSSIER_FIELDS``), the comparison of two versions
(``diff.SECTION_SOURCES``), the demo loader, the Drupal importer's target
fields and the diff benchmark. The rich-text fields themselves are the
model's (``Dossier.definition`` …); a test checks that the two agree. To add
a section: a field on ``Dossier`` (and its migration), a line here, its
heading in the nl catalogue.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    anchor: str  # its id on the page, in the contents and in comparisons
    heading: str
    # How the template shows it: "text" (rich text), or the rows of ``parts``
    # ("elements", after the rich-text introduction; "examples";
    # "references").
    kind: str
    fields: tuple[str, ...] = ()  # the dossier's rich-text fields it shows
    parts: str | None = None  # the related rows it shows (a related name)


SECTIONS = (
    Section("definitie", _("Definition of the issue"), "text", ("definition",)),
    Section(
        "feiten-en-cijfers", _("Facts and figures"), "text", ("facts_and_figures",)
    ),
    Section("beleid", _("Policy"), "text", ("policy",)),
    Section("trends", _("Trends"), "text", ("trends",)),
    Section("actuele-discussies", _("Current debates"), "text", ("current_debates",)),
    Section(
        "werkzame-elementen",
        _("Effective elements"),
        "elements",
        ("effective_elements_intro",),
        parts="effective_elements",
    ),
    Section(
        "veelbelovende-aanpakken",
        _("Promising approaches"),
        "text",
        ("promising_approaches",),
    ),
    Section("goede-voorbeelden", _("Good examples"), "examples", parts="good_examples"),
    Section("literatuur", _("Literature"), "references", parts="references"),
)

# The dossier's rich-text section fields, in the order readers see them.
TEXT_FIELDS = tuple(name for section in SECTIONS for name in section.fields)
