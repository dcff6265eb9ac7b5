"""Stylesheets and scripts go compressed to browsers that accept it; pages never do (BREACH)."""

import gzip

from feedback_app.config import PROJECT_DIR

GZIP = {"Accept-Encoding": "gzip, deflate"}


def test_a_stylesheet_goes_compressed_to_a_browser_that_accepts_it(client):
    response = client.get("/static/css/app.css", headers=GZIP)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    original = (PROJECT_DIR / "static/css/app.css").read_bytes()
    assert gzip.decompress(response.data) == original
    assert len(response.data) < len(original) / 2


def test_a_browser_that_does_not_accept_gzip_gets_the_plain_file(client):
    with client.get("/static/js/app.js", headers={"Accept-Encoding": "identity"}) as response:
        assert "Content-Encoding" not in response.headers
        assert response.data == (PROJECT_DIR / "static/js/app.js").read_bytes()
        assert "Accept-Encoding" in response.headers["Vary"]


def test_a_compressed_file_revalidates_with_its_etag(client):
    first = client.get("/static/css/app.css", headers=GZIP)
    revalidation = {**GZIP, "If-None-Match": first.headers["ETag"]}
    with client.get("/static/css/app.css", headers=revalidation) as again:
        assert again.status_code == 304


def test_pages_are_never_compressed(client):
    response = client.get("/en/", headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
