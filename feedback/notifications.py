"""Found by the outbox at startup (outbox/apps.py): feedback sends no mail
of its own, but registers its personal data here, with the apps that do."""

from core import personal_data

from . import services

# Study suggestions may hold a reader's address (export, erasure, retention).
personal_data.register(
    "onderzoek",
    export=services.export_suggestions,
    erase=services.erase_suggestions,
    purge=services.forget_old_addresses,
)
