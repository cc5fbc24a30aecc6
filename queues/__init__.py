"""Rows the site sends later, retried until they go: the rule the outbox
(e-mail, ``outbox``) and the purge queue (``purges``) share, written once.

``models.QueuedRow``: the columns (created, sent, attempts, last error) and
the reads (``unsent``, ``failed``). ``sending``: how a sender takes rows one
at a time, each in its own short transaction that holds the row's lock
(``SELECT … FOR UPDATE SKIP LOCKED``), so two senders never send the same
row and a crash half-way loses nothing.

Not an installed app (it has no tables of its own) and below every app, so
both queues can build on it: ``core`` uses the purge queue, and the outbox
sits above ``core``.
"""
