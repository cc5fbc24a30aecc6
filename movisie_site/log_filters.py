"""Logging filters referenced from settings.LOGGING."""

import logging


class NoTraceback(logging.Filter):
    """Keep the message, drop the traceback: for expected, harmless errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
