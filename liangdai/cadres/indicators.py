"""Figures of the two committees (DOMAIN.md part 3 and the acceptance table)."""
