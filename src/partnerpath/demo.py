"""The fictional demo programme (filled in by the demo work)."""


def load() -> str:
    """Load the demo programme."""
    return "nothing yet"
