"""JSON API v1, its OpenAPI document and the staff page of personal API tokens."""
