"""gunicorn settings: ``gunicorn -c gunicorn.conf.py movisie_site.wsgi``."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads, not one sync process per request: a sync worker reading a slow
# client's request is lost to everyone else, and three slow connections made
# /healthz stop answering for 30 s (issue 18; scripts/slow_clients.py). With
# gthread the worker waits for a connection to become readable in its event
# loop and hands it to one of its threads; other threads keep serving. Each
# thread holds its own database connection: workers x threads per server.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
