"""The one error type that services raise: a Chinese message, and the field (column) it concerns."""

from dataclasses import dataclass


@dataclass
class DomainError(Exception):
    message: str
    column: str | None = None

    def __str__(self) -> str:
        return self.message


class NotFound(Exception):
    """Missing and outside the actor's area look the same (404)."""
