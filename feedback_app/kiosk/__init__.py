"""Kiosks: shared public devices that offer residents the feedback form of one or more services.

Staff set a kiosk up with a one-time link; the device then carries a kiosk cookie, its
responses are recorded with the kiosk's channel and location, and it clears itself when idle.
"""
