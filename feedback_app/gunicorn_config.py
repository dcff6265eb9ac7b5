"""gunicorn settings for `make run` and production: `-c python:feedback_app.gunicorn_config`.

The access log goes to standard output without addresses, user agents or secrets
(see private_logs.py); anything given on the command line still wins over these values.

gunicorn believes no forwarded header (by default it takes `X-Forwarded-Proto: https` from
127.0.0.1 and from any Unix socket): which proxies to believe is decided in one place only,
ProxyFix with TRUSTED_PROXY_HOPS (security.py), so HSTS and secure links cannot be faked locally.
"""

from feedback_app.private_logs import ACCESS_LOG_FORMAT

accesslog = "-"
access_log_format = ACCESS_LOG_FORMAT
logger_class = "feedback_app.private_logs.PrivateAccessLogger"
forwarded_allow_ips = ""
secure_scheme_headers = {}
