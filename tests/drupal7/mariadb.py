"""A throwaway MariaDB server for the tests (Debian's mariadb-server).

Started like the embedded PostgreSQL: its own data folder under ``.data/``,
a Unix socket only (no TCP port), and removed when the session ends.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin"])


def binaries() -> tuple[str, str] | None:
    server = shutil.which("mariadbd", path=SEARCH_PATH)
    install = shutil.which("mariadb-install-db", path=SEARCH_PATH)
    return (server, install) if server and install else None


class MariaDB:
    def __init__(self):
        found = binaries()
        if found is None:
            raise FileNotFoundError("mariadb-server is not installed")
        self.server, self.install = found
        (BASE_DIR / ".data").mkdir(exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix="mariadb-", dir=BASE_DIR / ".data"))
        self.socket = self.root / "mysqld.sock"
        self.process = None

    def start(self) -> None:
        data = self.root / "data"
        user = getpass.getuser()
        subprocess.run(
            [
                self.install,
                "--no-defaults",
                f"--datadir={data}",
                f"--user={user}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            check=True,
            capture_output=True,
        )
        self.process = subprocess.Popen(
            [
                self.server,
                "--no-defaults",
                f"--datadir={data}",
                f"--socket={self.socket}",
                "--skip-networking",
                f"--user={user}",
                f"--pid-file={self.root / 'mysqld.pid'}",
                f"--log-error={self.root / 'error.log'}",
                "--innodb-buffer-pool-size=32M",
                "--character-set-server=utf8mb4",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.root / "error.log").read_text()[-2000:])
            try:
                self.connect().close()
                return
            except Exception:
                time.sleep(0.2)
        raise TimeoutError("MariaDB did not start within 60 s")

    def connect(self, database: str | None = None):
        import pymysql

        return pymysql.connect(
            unix_socket=str(self.socket),
            user="root",
            database=database,
            charset="utf8mb4",
        )

    def url(self, database: str) -> str:
        return f"mysql://root@localhost/{database}?unix_socket={self.socket}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)
