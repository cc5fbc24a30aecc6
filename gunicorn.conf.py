"""gunicorn settings: ``gunicorn -c gunicorn.conf.py movisie_site.wsgi``."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Sync workers, one request per process at a time: measured with
# `wrk -t2 -c8 -d10s --latency` on the 200-reaction article (2 workers,
# shared 2-core machine, docs/developers/benchmarks.md): gthread with 4
# threads served 353 req/s with p99 1.12 s and then stalled (/healthz: no
# answer at all in 10 s), sync 211 req/s with p99 74 ms on the same busy
# machine. Threads in one process queue on the GIL behind each other's
# renders, and a worker recycled by max_requests strands the keep-alive
# connections it holds (benoitc/gunicorn#3038). The slow clients that once
# made us choose threads (issue 18: three dribbling connections held every
# sync worker) never reach gunicorn in production: nginx buffers each
# request whole, and Varnish in front of gunicorn too (compose.yaml,
# docs/operators/caching-proxy.md). Without such a proxy set
# GUNICORN_WORKER_CLASS=gthread (make run does, for browsers' idle
# preconnect sockets). Each worker or thread holds its own database
# connection.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(
    os.environ.get("GUNICORN_THREADS", "4" if worker_class == "gthread" else "1")
)
# Load Django once in the master and fork the workers from it: a worker
# recycled by max_requests is back in milliseconds, not after a second of
# imports while its share of the traffic waits. make run restarts the whole
# server when the code changes (movisie_site/devdb.py), so this stays on.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}
# A request that takes longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Workers are not recycled after a number of requests (0), unless an
# operator sets GUNICORN_MAX_REQUESTS to contain a leak. Recycling every
# 2,000 requests stalled the site: with sync workers, 2 of them, `wrk -t2
# -c8 -d10s` on /healthz after a run on the article answered 0 requests in
# 10 s (every connection timed out), against 539 req/s, p99 46 ms without
# recycling; the article's p99 went from 143 ms to 80 ms (one run each,
# load 8-10, scripts/bench.py's app tiers, issue 27).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
