"""A reaction's HTML, rendered once when it is stored or moderated.

Rendering 200 reactions through the template engine on every change of a
thread was most of a cold page render (52 ms of it on an idle machine). So
each reaction's own markup, everything that depends only on the reaction
(name, badge, date, text with its links, "bewerkt op …" and the editors'
"[ingekort door de redactie]"), is rendered by
``templates/comments/_reaction.html`` into ``Comment.html`` whenever a write
changes it, and a thread render only joins stored pieces
(comments/thread.py). ``store_html`` is the one function every write path
calls after changing what a reaction shows; ``reaction_html`` is the one
render, also used on the fly for a row whose stored HTML is missing or stale.

Escaping is unchanged: the template escapes the name, and ``render_text``
escapes all of the visitor's text before adding our own links and
paragraphs. The stored HTML is never editable (not in any form or the admin).

Stale HTML is never shown:
- ``html_key`` records what the HTML was rendered with (RENDER_VERSION, the
  template's source, the language and time zone); a row whose key differs
  from ``current_key()`` is rendered on the fly. After a deploy that changes
  any of these, ``manage.py render_reactions`` stores them again.
- A database trigger (migrations 0007 and 0011) empties ``html_key`` when an
  UPDATE changes the name, text, dates, badges or notes without also writing
  new HTML, so a write path that forgets ``store_html`` costs speed, never
  correctness.
"""

import functools
import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe

from core.kinds import ItemKind

from .links import render_text

# Bump when the code below changes what it renders (the template's source is
# part of the key on its own).
RENDER_VERSION = 2
TEMPLATE = "comments/_reaction.html"


def current_key() -> str:
    """What stored HTML must have been rendered with to be used as it is."""
    source = get_template(TEMPLATE).template.source
    return _key(source, settings.LANGUAGE_CODE, settings.TIME_ZONE)


@functools.lru_cache(maxsize=8)
def _key(source: str, language: str, time_zone: str) -> str:
    # Hashed once per template source, not twice per thread render.
    raw = "|".join([str(RENDER_VERSION), source, language, time_zone])
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def posted_text(moment) -> str:
    """ "14 januari 2017 om 10:12" in the site's time zone (active language)."""
    local = timezone.localtime(moment)
    return translation.gettext("%(date)s at %(time)s") % {
        "date": f"{local.day} {MONTHS[local.month]} {local.year}",
        "time": f"{local:%H:%M}",
    }


def reaction_html(
    *,
    pk: int,
    name: str,
    text: str,
    created_at,
    is_staff_reply: bool,
    is_author_reply: bool = False,
    kind: str = ItemKind.ARTICLE,
    edited_at=None,
    redacted_at=None,
) -> SafeString:
    """One reaction's stored markup, in the site's language (see module doc).

    Takes plain values so the data migration can call it with historical rows.
    ``edited_at``: when the writer's last change was published ("bewerkt op
    …"); ``redacted_at``: set when the editors shortened or redacted the text.
    """
    with translation.override(settings.LANGUAGE_CODE):
        html = get_template(TEMPLATE).render(
            {
                "id": pk,
                "name": name,
                "text_html": render_text(text),
                "is_staff_reply": is_staff_reply,
                "is_author_reply": is_author_reply,
                "kind": kind,
                # Whole seconds: HTML allows at most three digits of a fraction.
                "posted_iso": created_at.isoformat(timespec="seconds"),
                "posted": posted_text(created_at),
                "edited_iso": edited_at.isoformat(timespec="seconds")
                if edited_at
                else "",
                "edited": posted_text(edited_at) if edited_at else "",
                "redacted": redacted_at is not None,
            }
        )
    return mark_safe(html.strip())  # noqa: S308 (our template escapes)


def html_for(comment) -> tuple[str, str]:
    """(html, key) for a Comment or any object with the same attributes."""
    html = reaction_html(
        pk=comment.pk,
        name=comment.name,
        text=comment.text,
        created_at=comment.created_at,
        is_staff_reply=comment.is_staff_reply,
        is_author_reply=comment.is_author_reply,
        # Historical models (migration 0007) have no ``kind`` property, and
        # no edit or redaction dates yet.
        kind=ItemKind.DOSSIER if comment.dossier_id else ItemKind.ARTICLE,
        edited_at=getattr(comment, "edited_at", None),
        redacted_at=getattr(comment, "redacted_at", None),
    )
    return html, current_key()


def store_html(comment, *, also: Iterable[str] = ()) -> None:
    """Render ``comment`` and store the result (one UPDATE).

    Call after every write that changes its name, text, badges, edit date or
    redaction, in the same transaction; ``also`` names other fields of
    ``comment`` to write in the same UPDATE. Writes ``updated_at`` too, so
    cached pages refresh.
    """
    comment.html, comment.html_key = html_for(comment)
    comment.updated_at = timezone.now()
    type(comment).objects.filter(pk=comment.pk).update(
        html=comment.html,
        html_key=comment.html_key,
        updated_at=comment.updated_at,
        **{name: getattr(comment, name) for name in also},
    )


def store_html_for(queryset, *, on_each=None) -> int:
    """Render and store every reaction in ``queryset`` (migrations, commands);
    ``on_each()`` after each one (a progress bar)."""
    done = 0
    model = queryset.model
    fields = [
        "pk",
        "name",
        "text",
        "created_at",
        "is_staff_reply",
        "is_author_reply",
        "article",
        "dossier",
        "edited_at",
        "redacted_at",
    ]
    # A historical model (a data migration) may not have all of them yet.
    present = {field.name for field in model._meta.get_fields()}
    fields = [name for name in fields if name == "pk" or name in present]
    for comment in queryset.only(*fields[1:]).iterator(chunk_size=500):
        comment.html, comment.html_key = html_for(comment)
        model.objects.filter(pk=comment.pk).update(
            html=comment.html, html_key=comment.html_key
        )
        done += 1
        if on_each is not None:
            on_each()
    return done
