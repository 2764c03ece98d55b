"""gunicorn settings for production (README "Deploying"); `gunicorn plpg.wsgi` reads this file.

Sized for a 2-core app server: 2 worker processes (one per core: Python runs one thread at a
time per process, so CPU work such as page rendering and PDF rendering needs a process per
core) × 4 threads each (a request waiting on PostgreSQL releases the GIL, so other threads
render meanwhile). More processes than cores would only add memory (each keeps its own
directory index) and context switches. Override with WEB_CONCURRENCY / GUNICORN_THREADS.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 30
# Reload a worker now and then, as a guard against slow leaks.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
