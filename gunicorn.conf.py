"""gunicorn's settings for Verkosto (the README's production start uses this file).

The access log is the portal's own (``verkosto.requests`` JSON lines with secret links
redacted), so gunicorn's, which would write invitation links as they are, stays off.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
# Recycle workers now and then, so that memory stays flat over weeks.
max_requests = 5000
max_requests_jitter = 500
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The load balancer's address, whose X-Forwarded-* headers gunicorn believes.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """The application is loaded: its modules, models and settings live as long as the
    worker, so the garbage collector need not walk them on every full collection (in the
    benchmark a full collection held one search for 110 ms; 20–30 ms once frozen)."""
    gc.freeze()
