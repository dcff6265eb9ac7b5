"""The residents' flow: ratings, journey story, comments, about you, consent, receipt."""
