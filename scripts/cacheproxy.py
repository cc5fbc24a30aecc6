"""Varnish in front of a local gunicorn: for make serve, the tests and make bench.

``caching_proxy(backend_port, port=...)`` is a context manager: it writes a
``site.vcl`` (the backend and who may purge) into a work folder under
``.data/``, starts ``varnishd`` in the foreground with our
``deploy/varnish/default.vcl``, waits until it answers and stops it
afterwards. Debian's ``varnish`` and ``varnish-modules`` (the xkey vmod)
must be installed. Traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VCL_DIR = BASE_DIR / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

SITE_VCL = """vcl 4.1;
# Written by scripts/cacheproxy.py: the local gunicorn, and who may purge.
probe healthz {{
    .url = "/healthz";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 3;
}}
backend app {{
    .host = "127.0.0.1";
    .port = "{backend_port}";
    .probe = healthz;
    .first_byte_timeout = 35s;
}}
acl purgers {{
{purgers}
}}
"""


@dataclass
class CachingProxy:
    url: str
    workdir: Path
    command: list[str]
    log_path: Path
    process: subprocess.Popen | None = None

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def start(self) -> None:
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT
            )
        _wait(self.port, self.process, self.log_path)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        """Stop and start again: the cache starts empty (memory storage)."""
        self.stop()
        self.start()

    def worker_pids(self) -> list[int]:
        """The child that serves requests (varnishd's manager forks it)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(child) for child in children.split()]

    def stats(self, *fields: str) -> dict[str, int]:
        """Counters from varnishstat, e.g. MAIN.backend_req."""
        out = subprocess.run(
            ["varnishstat", "-n", str(self.workdir), "-1", *[f"-f{f}" for f in fields]],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return {line.split()[0]: int(line.split()[1]) for line in out.splitlines()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=1),
        ):
            return
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the proxy did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)


@contextlib.contextmanager
def caching_proxy(
    backend_port: int,
    *,
    port: int | None = None,
    purgers: tuple[str, ...] = ("127.0.0.1",),
    memory: str = "256m",
    workdir: Path | None = None,
):
    """Yields a ``CachingProxy``; Varnish listens on 127.0.0.1:``port``."""
    port = port or free_port()
    (BASE_DIR / ".data").mkdir(exist_ok=True)
    workdir = workdir or Path(
        tempfile.mkdtemp(prefix=f"varnish-{port}-", dir=BASE_DIR / ".data")
    )
    workdir.mkdir(parents=True, exist_ok=True)
    vcl_dir = workdir / "vcl"
    vcl_dir.mkdir(exist_ok=True)
    (vcl_dir / "site.vcl").write_text(
        SITE_VCL.format(
            backend_port=backend_port,
            purgers="\n".join(f'    "{address}";' for address in purgers),
        )
    )
    command = [
        VARNISHD,
        "-F",  # foreground: we own the process, Ctrl-C stops it
        "-n",
        str(workdir / "n"),
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        "none",
        # The main process and its worker run as the user who started it:
        # no separate varnish user needs to read the project's .data/.
        "-j",
        "none",
        "-f",
        str(VCL_DIR / "default.vcl"),
        "-p",
        f"vcl_path={vcl_dir}:{VCL_DIR}",
        "-p",
        f"vmod_path={_vmod_dir()}",
        # Room for the keys of a long list page (a key per card).
        "-p",
        "http_resp_hdr_len=65536",
        "-p",
        "http_resp_size=131072",
        "-s",
        f"malloc,{memory}",
    ]
    proxy = CachingProxy(
        url=f"http://127.0.0.1:{port}",
        workdir=workdir / "n",
        command=command,
        log_path=workdir / "varnishd.log",
    )
    try:
        proxy.start()
        yield proxy
    finally:
        proxy.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _vmod_dir() -> str:
    """Where Debian puts the vmods (multiarch), whatever the architecture."""
    found = sorted(Path("/usr/lib").glob("*/varnish/vmods"))
    return str(found[0]) if found else "/usr/lib/varnish/vmods"


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

NGINX_CONF = """# Written by scripts/cacheproxy.py: nginx's proxy_cache in front of the
# local gunicorn, for make bench's comparison with Varnish only.
daemon off;
worker_processes 2;
{user}
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    proxy_cache_path {workdir}/cache levels=1:2 keys_zone=pages:10m
                     max_size=256m inactive=1d use_temp_path=off;
    upstream app {{
        server 127.0.0.1:{backend_port};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_cache pages;
            # Kept for as long as Cache-Control says (Vary: Cookie honoured);
            # one request to gunicorn per page at a time.
            proxy_cache_lock on;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_bypass $cookie_sessionid;
            add_header X-Cache $upstream_cache_status;
        }}
    }}
}}
"""


def nginx_available() -> bool:
    return Path(NGINX).exists()


@contextlib.contextmanager
def nginx_proxy_cache(backend_port: int, *, port: int | None = None):
    """Yields a ``CachingProxy`` for nginx with ``proxy_cache`` on
    127.0.0.1:``port`` (Debian's ``nginx-light`` is enough): the alternative
    to Varnish that ``make bench`` measures beside it. No purge (open-source
    nginx has none): pages are kept as long as ``Cache-Control`` says."""
    import getpass
    import os

    port = port or free_port()
    (BASE_DIR / ".data").mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"nginx-{port}-", dir=BASE_DIR / ".data"))
    conf = workdir / "nginx.conf"
    # As root, nginx's workers would switch to "nobody", who cannot write here.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    conf.write_text(
        NGINX_CONF.format(
            user=user, workdir=workdir, backend_port=backend_port, port=port
        )
    )
    proxy = CachingProxy(
        url=f"http://127.0.0.1:{port}",
        workdir=workdir,
        command=[NGINX, "-p", str(workdir), "-c", str(conf)],
        log_path=workdir / "nginx.log",
    )
    try:
        proxy.start()
        yield proxy
    finally:
        proxy.stop()
        shutil.rmtree(workdir, ignore_errors=True)
