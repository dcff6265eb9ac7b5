"""Where to go back to after signing in or choosing a language: a path of this site, never another.

Browsers drop tabs and newlines inside a URL and read a backslash as a slash, and Werkzeug
normalises the Location header (`/\\t/evil.example` goes out as `//evil.example`, a link to
another host). So a target is refused when it holds anything a browser or Werkzeug would rewrite,
and checked again in the form Werkzeug will send.
"""

from urllib.parse import urlsplit

from werkzeug.urls import iri_to_uri


def safe_next_url(target, default):
    """`target` when it is a path on this site, else `default`."""
    return target if target and is_local_path(target) else default


def is_local_path(target):
    """True for `/path?query` on this host; false for any scheme, host or rewritable character."""
    if not all(map(_plain, target)):
        return False
    sent = iri_to_uri(target)
    parts = urlsplit(sent)
    return not parts.scheme and not parts.netloc and all(map(_rooted_once, (target, sent)))


def _rooted_once(path):
    """Starts with one slash: `//host` (and `///host`, which some parsers fold) names a host."""
    return path.startswith("/") and not path.startswith("//") and "\\" not in path


def _plain(character):
    """Printable and not white space: browsers strip or rewrite the rest."""
    return character.isprintable() and not character.isspace()
