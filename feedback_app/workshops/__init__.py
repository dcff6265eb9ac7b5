"""Co-design workshops: facilitators run an agenda of activities, participants join with a code
on their own phones, a live board shows what the room has said, and the result flows into the
insights.
"""
