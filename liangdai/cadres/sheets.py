"""The 村干部 sheet (EXCHANGE.md)."""
