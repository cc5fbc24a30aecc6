"""Development mail (make run): readable on the terminal, links whole."""

import io

from django.core.mail import EmailMultiAlternatives

from outbox.readable_console import EmailBackend

LONG_LINK = (
    "http://127.0.0.1:8123/reacties/bevestigen/"
    "eyJjb21tZW50IjoxMjMsImVtYWlsIjoiZmF0aW1hQGV4YW1wbGUubmwifQ:1vQx7Z:"
    "Xk3p9Lr8T2mN5bV0cQ7wE4yU1iO6aS8dF3gH2jK9lZ0/"
)


def test_a_mail_shows_its_text_decoded_with_the_whole_link():
    message = EmailMultiAlternatives(
        subject="Bevestig uw aanmelding",
        body=f"Beste Fatima,\n\nBevestig één keer: {LONG_LINK}\n",
        to=["fatima@example.nl"],
    )
    message.attach_alternative(
        f'<p><a href="{LONG_LINK}">Bevestig</a></p>', "text/html"
    )
    stream = io.StringIO()

    EmailBackend(stream=stream).send_messages([message])

    shown = stream.getvalue()
    assert "To: fatima@example.nl" in shown
    assert f"Bevestig één keer: {LONG_LINK}\n" in shown
    assert "=\n" not in shown  # no quoted-printable soft line breaks
    assert "=C3=A9" not in shown
    assert "(ook: text/html)" in shown
