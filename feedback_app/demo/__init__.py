"""The demo service, its content and generated responses, for trying Ensemble out."""
