"""The one shape every file download takes: exports, the audit log, templates to fill in."""

from flask import Response


def attachment(content, filename, mimetype):
    """A response the browser saves as `filename`. `content` may be a generator (wrapped in
    `stream_with_context` by the caller), so a large file streams instead of sitting in memory.
    Downloads hold a partnership's data: no shared cache keeps them."""
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
