"""Which device a resident sends from: their own, or a shared one that a higher package knows.

Feedback sits below kiosk (docs/architecture.md), so it cannot ask the kiosk package itself;
the kiosk package registers, at app start, how to find the shared device of a request.
"""

from flask import current_app

SHARED_DEVICE = "feedback.shared_device"


def register_shared_device(app, find):
    """`find(service)` returns the shared device of the current request offering `service`."""
    app.extensions[SHARED_DEVICE] = find


def shared_device(service):
    """The shared device (a kiosk) this request comes from when it offers `service`, else None."""
    find = current_app.extensions.get(SHARED_DEVICE)
    return find(service) if find else None
