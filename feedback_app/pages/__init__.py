"""Pages outside any feature: language choice, the residents' home, health check."""
