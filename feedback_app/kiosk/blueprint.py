"""The `kiosk` blueprint: staff pages and the device's pages (views), and what a device needs
to work offline (offline_views). feedback_app registers it once through views.bp."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__, template_folder="templates")
