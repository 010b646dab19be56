"""The one error type that services raise: a Chinese message, and for imports the row and column."""

from dataclasses import dataclass


@dataclass
class DomainError(Exception):
    message: str
    column: str | None = None
    row: int | None = None
    sheet: str | None = None
    value: object = None

    def __str__(self) -> str:
        return self.message


class NotFound(Exception):
    """Missing and outside the actor's area look the same (404)."""
