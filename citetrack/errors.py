"""Exceptions for misuse and bad input; a link's outcome is never one of these."""


class CitetrackError(Exception):
    """Base of every error citetrack raises on purpose; the CLI prints it in one line, exit 2."""


class BadInputError(CitetrackError):
    """A document that cannot be read: missing, a directory, binary, empty, too large."""


class UnsupportedFormatError(BadInputError):
    """A file whose extension or `--format` names no reader."""


class NotFoundError(CitetrackError):
    """An id (document, flag, claim) or URL that the store does not hold."""


class StoreError(CitetrackError):
    """The database cannot be opened or written (not a database, disk full, locked)."""


class ConfigError(CitetrackError):
    """A configuration file or option value that makes no sense."""
