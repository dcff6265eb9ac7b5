"""gunicorn settings for `make run` and production: `-c python:feedback_app.gunicorn_config`.

The access log goes to standard output without addresses, user agents or secrets
(see private_logs.py); anything given on the command line still wins over these values.
"""

from feedback_app.private_logs import ACCESS_LOG_FORMAT

accesslog = "-"
access_log_format = ACCESS_LOG_FORMAT
logger_class = "feedback_app.private_logs.PrivateAccessLogger"
