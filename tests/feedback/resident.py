"""A resident's browser for the test client: it goes through the real forms, CSRF token included."""

from flask import current_app

from tests.fixtures.pages import csrf_token, parse

SLUG = "home-support"
# One answer to every kind of question of the demo service's flow.
RATINGS = {"rating_a11_satisfaction": "4", "rating_csat": "5", "rating_ces": "na"}
APPLY_STORY = {
    "went_through": "yes",
    "emotion": "-1",
    "barriers": ["paperwork", "digital"],
    "text": "The form was long.\r\nI needed help.",
}
WAIT_STORY = {"went_through": "not_yet"}
COMMENT = "Merci pour l'aide, mais l'attente était longue."
ABOUT_YOU = {
    "age_band": "75+",
    "gender": "self_describe",
    "gender_self_description": "Two-spirit",
    "rurality": "village",
    "preferred_language": "ar",
}
ACTIVITIES = {
    "wg_seeing": "some_difficulty",
    "wg_mobility": "cannot_do",
    "wg_hearing": "prefer_not_to_say",
}


class Resident:
    def __init__(self, client, *, slug=SLUG, lang="en"):
        self.client, self.slug, self.lang = client, slug, lang

    def url(self, path=""):
        return f"/{self.lang}/s/{self.slug}{path}"

    def get(self, path="", **kwargs):
        return self.client.get(self.url(path), **kwargs)

    def post(self, path, data, *, query=""):
        """Open the page (for its CSRF token), then send `data` as its form would."""
        url = self.url(path) + query
        token = csrf_token(self.client.get(url))
        return self.client.post(url, data={"csrf_token": token, **data})

    def answer_everything(self, *, consent="yes"):
        self.post("/rate", RATINGS)
        self.post("/journey/apply", APPLY_STORY)
        self.post("/journey/wait", WAIT_STORY)
        self.post("/comment", {"comment": COMMENT})
        self.post("/about-you/consent", {"consent": consent})
        if consent == "yes":
            self.post("/about-you", ABOUT_YOU)
            self.post("/about-you/activities", ACTIVITIES)

    def client_key(self):
        return parse(self.get("/check")).find("input", attrs={"name": "client_key"})["value"]

    def token(self):
        """The session's CSRF token, from a page that always has a form."""
        return csrf_token(self.client.get(f"/{self.lang}/receipt"))

    def send(self, client_key=None):
        key = client_key if client_key is not None else self.client_key()
        data = {"csrf_token": self.token(), "client_key": key}
        return self.client.post(self.url("/check"), data=data)

    def receipt_code(self):
        return parse(self.get("/sent")).find(class_="receipt-code").get_text(strip=True)


def error_messages(response):
    summary = parse(response).find(class_="error-summary")
    return [item.get_text(" ", strip=True) for item in summary.find_all("li")] if summary else []


def english(message):
    """A lazy message as an English-speaking resident reads it."""
    with current_app.test_request_context(headers={"Accept-Language": "en"}):
        return str(message)
