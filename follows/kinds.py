"""The kinds of mail followers get (``outbox.OutgoingMail.kind``)."""

CONFIRM = "follows.confirm"
VERSION = "follows.version"
DIGEST = "follows.digest"
KINDS = (CONFIRM, VERSION, DIGEST)
