"""The admin side of an illustrated item (``core.images.Illustrated``)."""

from django.db import models
from django.utils.text import capfirst


class IllustratedAdmin:
    """Names the image's file input itself. Django's admin puts it in a
    fieldset whose legend names the group ("Huidig: … Wijzigen:"), and the
    input has no label of its own: axe reports it, and a screen reader
    landing on the input hears only "bestand kiezen"."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.ImageField) and field is not None:
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field
