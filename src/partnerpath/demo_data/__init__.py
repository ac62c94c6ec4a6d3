"""Fictional records of the demo programme, read by `partnerpath.demo.load()`.

Every organisation, person, website and document here is invented; web addresses live on
example.com / example.org, which are reserved for examples and never point at a real company.
Organisations and contacts are referred to by short keys ("andaman", "andaman.ploy").
"""
