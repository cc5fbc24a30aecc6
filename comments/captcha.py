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

The question row is also the form's issue time (``issued_at``, from its
expiration): a post sooner than COMMENTS_MIN_SECONDS after its question was
issued comes from a script (comments/spam.py, ``script_trap``). Nothing the
client sends can move that time. Answers are compared as numbers, so "07",
"+7" and digits from other scripts (Arabic-Indic U+0667 from some phone
keyboards) are right. Expired rows go with the package's own
``manage.py captcha_clean`` (``CaptchaStore.remove_expired()``).
"""

import enum
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import spam

HASHKEY_RE = re.compile(r"[0-9a-f]{40}")
# An optional plus sign and at most three decimal digits of any script
# (Python's \d is Unicode-aware and int() reads every such digit).
NUMBER_RE = re.compile(r"\+?(\d{1,3})")
# Expired questions deleted with each new one (see issue_question).
PURGE_PER_QUESTION = 10


def addition_challenge() -> tuple[str, str]:
    """An addition of two positive numbers with a sum from 1 to 20.

    Returns (challenge, response) for CaptchaStore; the challenge reads as
    the original site's "10 + 1 =".
    """
    total = secrets.randbelow(19) + 2  # 2..20: both terms at least 1
    first = secrets.randbelow(total - 1) + 1
    return f"{first} + {total - first} =", str(total)


def issue_question(*, client_address: str | None) -> CaptchaStore:
    """A new question row (challenge from CAPTCHA_CHALLENGE_FUNCT).

    At most COMMENTS_QUESTION_LIMIT per client address per period (raises
    ``spam.QuestionLimitReached``). Each new question also deletes up to
    PURGE_PER_QUESTION expired ones, so expired rows go without cron (which
    may still run ``captcha_clean``): they can never outnumber the questions
    issued since. The expiration is set here from CAPTCHA_TIMEOUT as it is
    now, the same value ``consume_question`` reads the issue time back with.
    """
    spam.check_and_record_question(client_address=client_address)
    now = timezone.now()
    expired = CaptchaStore.objects.filter(expiration__lte=now).values("pk")
    CaptchaStore.objects.filter(pk__in=expired[:PURGE_PER_QUESTION]).delete()
    challenge, response = captcha_settings.get_challenge()()
    return CaptchaStore.objects.create(
        challenge=challenge,
        response=response,
        expiration=now + timedelta(minutes=int(settings.CAPTCHA_TIMEOUT)),
    )


def question_to_show(*, hashkey: str, client_address: str | None) -> CaptchaStore:
    """The question for a form page: the one the visitor was answering
    (``hashkey``, posted with their form) while it is unused and unexpired,
    which it is when their form failed on another field
    (comments/forms.py, ``AnswersQuestion``); else a new one
    (``issue_question``, which may raise ``spam.QuestionLimitReached``)."""
    if HASHKEY_RE.fullmatch(hashkey or ""):
        kept = CaptchaStore.objects.filter(
            hashkey=hashkey, expiration__gt=timezone.now()
        ).first()
        if kept is not None:
            return kept
    return issue_question(client_address=client_address)


class Outcome(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    NOT_A_NUMBER = "not_a_number"  # wrong too, but told apart for the visitor
    GONE = "gone"  # unknown, expired or already used


@dataclass(frozen=True, slots=True)
class Consumed:
    outcome: Outcome
    issued_at: datetime | None = None  # None when the question was gone


def parse_answer(answer: str) -> int | None:
    match = NUMBER_RE.fullmatch(answer.strip())
    return int(match.group(1)) if match else None


def consume_question(hashkey: str, answer: str) -> Consumed:
    """Use up the question ``hashkey``: was ``answer`` right, and when was the
    question issued.

    One statement, outside any surrounding transaction's fate: callers must
    not wrap it in an atomic block that might roll back, or a failed post
    would give the question back.
    """
    if not HASHKEY_RE.fullmatch(hashkey or ""):
        return Consumed(Outcome.GONE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {CaptchaStore._meta.db_table} "  # noqa: S608 (our table name)
            "WHERE hashkey = %s AND expiration > %s RETURNING response, expiration",
            [hashkey, timezone.now()],
        )
        row = cursor.fetchone()
    if row is None:
        return Consumed(Outcome.GONE)
    response, expiration = row
    # CaptchaStore.save() sets expiration = now + CAPTCHA_TIMEOUT minutes.
    issued_at = expiration - timedelta(minutes=int(settings.CAPTCHA_TIMEOUT))
    number = parse_answer(answer)
    if number is None:
        outcome = Outcome.NOT_A_NUMBER
    else:
        outcome = Outcome.RIGHT if number == int(response) else Outcome.WRONG
    return Consumed(outcome, issued_at)
