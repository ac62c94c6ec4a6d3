"""Country x goods risk and due diligence: reference-data importers, the inherent-risk profile of an
organisation and the due-diligence checklist rating. Pure Python, no Django."""
