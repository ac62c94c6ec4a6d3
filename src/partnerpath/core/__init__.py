"""Pure-Python domain core: every computation of PartnerPath lives here, free of Django."""
