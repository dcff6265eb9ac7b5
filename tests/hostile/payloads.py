"""Hostile text, and the checks that it stayed text wherever the app shows it.

Every payload is wrapped in a marker (`zq`) so a surface that shows it can be counted, and each
is short enough for the tightest field it goes into (a 60-character name).
"""

import re

MARK = "zq"
# name → text a person could type; each tries a different way out of the page's markup.
PAYLOADS = {
    "script": "zq<script>alert(1)</script>zq",
    "event handler": 'zq<img src=x onerror="alert(1)">zq',
    "javascript url": 'zq<a href="javascript:alert(1)">go</a>zq',
    "svg onload": "zq<svg onload=alert(1)>zq",
    "textarea breakout": "zq</textarea><b onclick=alert(1)>zq",
    "attribute breakout": "zq\"' autofocus onfocus=alert(1) x='zq",
    "direction override": "zq\u202eevil.exe\u202czq",
    "template injection": "zq{{7*7}}${7*7}zq",
}
# Text a spreadsheet would run as a formula (OWASP: CSV injection), one per leading character.
FORMULAS = {
    "formula =": '=zqHYPERLINK("http://example.org","x")zq',
    "formula +": "+zq1+cmd|' /C calc'!A0zq",
    "formula -": "-zq2+3zq",
    "formula @": "@zqSUM(1+1)zq",
    "formula tab": "\t=zq1+1zq",
    "formula carriage return": "\r=zq1+1zq",
}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Signs of a payload that ran: template output where the payload's text was.
EVALUATED = re.compile(r"zq49\$\{7\*7\}zq|zq\{\{7\*7\}\}49zq|zq4949zq")
# Direction controls that reorder what follows them until the paragraph ends.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")
ISOLATING = {"bdi", "input", "textarea", "option", "title"}
