"""PartnerPath: private-sector partnerships against forced labour and human trafficking."""

__version__ = "0.1.0"
