"""The arithmetic question on every reaction form (django-simple-captcha store).

We use the package's database store (``CaptchaStore``: challenge, response,
hashkey, expiration) and its CAPTCHA_CHALLENGE_FUNCT hook, but neither its
form field nor its widget:

- The widget renders an image and does not expose the challenge text, while
  we show the sum as text inside the answer field's <label>, as the original
  site did ("10 + 1 =").
- The stock field validates with a SELECT and then DELETEs the row, so two
  concurrent posts with the same question and right answer both pass. We
  consume the row with a single ``DELETE … RETURNING``: PostgreSQL's row lock
  lets exactly one statement delete it; the other sees no row. The first
  attempt, right or wrong, uses the question up.

Expired rows go with the package's own ``manage.py captcha_clean``
(``CaptchaStore.remove_expired()``).
"""

import enum
import re
import secrets

from captcha.models import CaptchaStore
from django.db import connection

HASHKEY_RE = re.compile(r"[0-9a-f]{40}")


def addition_challenge() -> tuple[str, str]:
    """An addition of two positive numbers with a sum from 1 to 20.

    Returns (challenge, response) for CaptchaStore; the challenge reads as
    the original site's "10 + 1 =".
    """
    total = secrets.randbelow(19) + 2  # 2..20: both terms at least 1
    first = secrets.randbelow(total - 1) + 1
    return f"{first} + {total - first} =", str(total)


def issue_question() -> CaptchaStore:
    """A new question row (challenge from CAPTCHA_CHALLENGE_FUNCT)."""
    return CaptchaStore.objects.get(hashkey=CaptchaStore.generate_key())


class Outcome(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    GONE = "gone"  # unknown, expired or already used


def consume_question(hashkey: str, answer: str) -> Outcome:
    """Use up the question ``hashkey`` and say whether ``answer`` was right.

    One statement, outside any surrounding transaction's fate: callers must
    not wrap it in an atomic block that might roll back, or a failed post
    would give the question back.
    """
    if not HASHKEY_RE.fullmatch(hashkey or ""):
        return Outcome.GONE
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {CaptchaStore._meta.db_table} "  # noqa: S608 (our table name)
            "WHERE hashkey = %s AND expiration > now() RETURNING response",
            [hashkey],
        )
        row = cursor.fetchone()
    if row is None:
        return Outcome.GONE
    return Outcome.RIGHT if answer.strip().lower() == row[0] else Outcome.WRONG
