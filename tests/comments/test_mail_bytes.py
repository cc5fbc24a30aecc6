"""What leaves for the mail server, read from a real SMTP server (aiosmtpd).

The header dict Django builds is not what a mail program gets: the SMTP
backend serialises the message with ``email.policy.SMTP``, which folds long
headers. These tests read the bytes a mail server received.
"""

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from comments import notifications
from outbox.mail import deliver
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


class Keep:
    def __init__(self):
        self.received: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    handler = Keep()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "127.0.0.1",
                "port": port,
                "timeout": 10,
            },
        }
    }
    yield handler
    controller.stop()


def test_list_unsubscribe_leaves_unfolded_and_unencoded(smtp_server):
    parent = CommentFactory(
        name="Anna",
        email="anna@example.nl",
        notify_replies=True,
        notify_confirmed_at=timezone.now(),
    )
    reply = CommentFactory(parent=parent, name="Bert", email="bert@example.nl")
    row = notifications.queue_reply_notice(reply)
    deliver(ids=[row.pk])

    [raw] = smtp_server.received
    headers = raw.split(b"\r\n\r\n", 1)[0]
    line = re.search(rb"^List-Unsubscribe: (.*)$", headers, re.MULTILINE).group(1)
    # One line, the URL itself in angle brackets: what RFC 2369 and 8058 ask.
    assert re.fullmatch(
        rb"<https://www\.example\.nl/reacties/afmelden/[^>\s]+/>\r?", line
    ), line
    assert b"=?utf-8?" not in headers.split(b"List-Unsubscribe:", 1)[1][:300]
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in headers
    # And the link in it is the one in the text, and it works.
    message = email.message_from_bytes(raw, policy=email.policy.default)
    url = line.decode().strip()[1:-1]
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert notifications.comment_for_token(token) == parent
    assert url in message.get_body(("plain",)).get_content()
