"""The exceptions of :mod:`aisov`: one class per engine error code (include/aisov/error.hpp)."""

from __future__ import annotations

from typing import List, Optional


class Error(Exception):
    """An error reported by the aisov engine.

    Attributes:
        code: the engine's stable error number (``aisov/error.hpp``), e.g. 3 for an invalid
            dataset; the CLI exits with 2 for bad input and 1 otherwise.
        slug: the code's short machine name, e.g. ``"invalid-dataset"`` (the ``title`` of the
            HTTP API's problem JSON).
        details: one line per problem, ``file:line:column: reason`` for dataset and input
            files (empty when the error has a single cause).
        message: the one-line message, without the details.

    ``str(error)`` is what the ``aisov`` command prints on stderr for the same error.
    """

    code: int = 7
    slug: str = "internal"

    def __init__(self, message: str, details: Optional[List[str]] = None, *,
                 code: Optional[int] = None, slug: Optional[str] = None,
                 text: Optional[str] = None) -> None:
        self.message = message
        self.details = list(details or [])
        if code is not None:
            self.code = code
        if slug is not None:
            self.slug = slug
        if text is None:
            text = "aisov: error: " + message + "".join("\n  " + d for d in self.details)
        super().__init__(text.rstrip("\n"))

    def __reduce__(self):
        # Pickling (e.g. an error raised on a Dask worker) keeps the class, code, slug, details
        # and the printed text instead of re-prefixing the text as a new message.
        return (_make, (self.code, self.slug, self.message, self.details, str(self)))


class InvalidArgument(Error, ValueError):
    """A request value is malformed or out of range (code 2)."""

    code = 2
    slug = "invalid-argument"


class InvalidDataset(Error):
    """The dataset directory failed validation; ``details`` lists every problem (code 3)."""

    code = 3
    slug = "invalid-dataset"


class NotFound(Error, LookupError):
    """An economy, provider, bloc, scenario or file named in a request does not exist (code 4)."""

    code = 4
    slug = "not-found"


class InvalidInput(Error):
    """An input file (scenario, import source, shard, mapping) is malformed (code 5)."""

    code = 5
    slug = "invalid-input"


class IoError(Error, OSError):
    """Reading or writing a file failed (code 6)."""

    code = 6
    slug = "io-error"


class Internal(Error):
    """A bug in aisov: please report it (code 7)."""

    code = 7
    slug = "internal"


class Cancelled(Error):
    """A long run was cancelled (code 12). Ctrl-C in Python raises KeyboardInterrupt instead."""

    code = 12
    slug = "cancelled"


_BY_CODE = {c.code: c for c in (InvalidArgument, InvalidDataset, NotFound, InvalidInput, IoError,
                                Internal, Cancelled)}


def _make(code: int, slug: str, message: str, details: List[str], text: str) -> Error:
    """Builds the exception for an engine error (called by the extension module)."""
    cls = _BY_CODE.get(code, Error)
    return cls(message, details, code=code, slug=slug, text=text)
