"""The partnership journey (brief, learnings 2, 3 and 5): stages and moves between them, versioned
stage gates with programme configuration and overrides, the partnership-type advisor and
misalignment, the agreement checklist, health checks and their cadence, how loud an open
deal-breaker is, and time in stage. Pure Python, no Django; see docs/partnerships.md."""
