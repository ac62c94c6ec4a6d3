"""Use-cases of prioritisation, one module per concern; views, the API and exports call these."""
