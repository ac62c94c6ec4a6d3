"""Template filters every app uses (loaded as ``{% load wording %}``)."""
