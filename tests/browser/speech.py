"""A stand-in for the device's speech engine, which headless Chromium lacks: it offers voices
for the given languages and records what the page asks it to say."""

import json

FAKE_SPEECH = """
(() => {
  const voices = %s.map((lang) => ({ lang, name: "Test voice " + lang, localService: true }));
  window.__spoken = [];
  window.SpeechSynthesisUtterance = function (text) {
    this.text = text;
    this.lang = "";
    this.voice = null;
  };
  window.speechSynthesis.getVoices = () => voices;
  window.speechSynthesis.cancel = () => {};
  window.speechSynthesis.speak = (utterance) => {
    window.__spoken.push({ text: utterance.text, lang: utterance.lang });
    window.__utterance = utterance;
  };
})();
"""


def speech_engine(*voices):
    """An init script giving the page a speech engine with voices for `voices` (BCP 47 tags)."""
    return FAKE_SPEECH % json.dumps(list(voices))
