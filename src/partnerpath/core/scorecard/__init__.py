"""The Prioritisation Score Card: versioned templates (the brief's Table 3 by default), weights
entered directly or by AHP, raters' scores with abstentions, results per round and their
sensitivity to the weights. Pure Python and numpy, no Django; see docs/scorecard.md."""
