"""Exports of filtered lists (filled in by the import/export work)."""
