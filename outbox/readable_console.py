"""Development mail: each message as a person reads it, on the terminal.

Django's console backend prints the MIME source: quoted-printable text in
which a long link is cut by ``=`` line ends, so it can be neither clicked nor
copied. This backend prints the headers a reader sees and the plain-text
body decoded, links whole; the HTML version is only mentioned. ``make run``
uses it (movisie_site/settings/dev.py); nothing leaves the machine.
"""

import email
import email.policy

from django.core.mail.backends import console

SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "List-Unsubscribe")


class EmailBackend(console.EmailBackend):
    def write_message(self, message):
        parsed = email.message_from_bytes(
            message.message().as_bytes(), policy=email.policy.default
        )
        lines = ["-" * 30 + " e-mail (niet verstuurd) " + "-" * 24]
        lines += [f"{name}: {parsed[name]}" for name in SHOWN_HEADERS if parsed[name]]
        lines.append("")
        text = parsed.get_body(preferencelist=("plain",))
        lines.append(text.get_content().rstrip() if text else "(geen tekstversie)")
        others = [
            part.get_content_type()
            for part in parsed.walk()
            if not part.is_multipart() and part is not text
        ]
        if others:
            lines += ["", f"(ook: {', '.join(others)})"]
        lines.append("-" * 79)
        self.stream.write("\n".join(lines) + "\n")
