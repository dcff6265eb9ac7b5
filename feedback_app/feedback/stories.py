"""One stage of the journey as a resident tells it: every part optional, the parts coherent.

"How did it feel?" and "What got in the way?" are asked of those who went through the stage.
With "Not yet" or "No" they are not kept, so a journey curve only holds lived stages; the
resident's own words about a stage are kept whatever they answered, or if they answered nothing.
"""

NOT_THROUGH = ("not_yet", "no")


def stage_story(went_through=None, emotion=None, barriers=(), text=None):
    """The story to keep, in the shape drafts and responses share; None when nothing was said."""
    if went_through in NOT_THROUGH:
        emotion, barriers = None, ()
    story = {
        "went_through": went_through or None,
        "emotion": emotion if emotion not in (None, "") else None,
        "barriers": list(barriers or ()),
        "text": text or None,
    }
    return story if any(value not in (None, []) for value in story.values()) else None


def lived(went_through, emotion, barriers):
    """Whether a stored story is of a stage gone through: said so, or told how it felt or what
    got in the way without answering the question."""
    if went_through is None:
        return emotion is not None or bool(barriers)
    return went_through == "yes"
