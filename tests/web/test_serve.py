"""`gongkai serve`: a production WSGI server with static files, a body limit and the policy header."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import gongkai.web

from gongkai.cli.serve import split_addr
from gongkai.errors import GongkaiError

from ..conftest import ROOT


def test_addresses():
    assert split_addr("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert split_addr(":9000") == ("127.0.0.1", 9000)
    assert split_addr("[::1]:8080") == ("::1", 8080)
    with pytest.raises(GongkaiError, match="监听地址无效"):
        split_addr("localhost:http")


BATCH_BYTES = 8 * 1024 * 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GONGKAI_HOME": str(home), "GONGKAI_SECRET_KEY": "serve-test",
           "GONGKAI_MAX_UPLOAD_BYTES": str(1024 * 1024), "GONGKAI_MAX_BATCH_BYTES": str(BATCH_BYTES)}
    env.pop("DATABASE_URL", None)  # a SQLite register of its own
    process = subprocess.Popen([sys.executable, "-c", "import sys; from gongkai.cli import main; sys.exit(main())",
                                "serve", f"127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stdout.read())
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_pages_come_from_waitress_with_the_policy(server):
    with urllib.request.urlopen(server + "/login/?next=/requests/%3Fq%3D%E5%BC%A0") as response:
        assert response.headers["Server"] == "gongkai"  # waitress, named; not Django's development server
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_no_template_has_a_script_the_policy_would_block():
    """script-src 'self' forbids inline scripts and handlers: behaviour lives in static files."""
    web = Path(gongkai.web.__file__).parent
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=\"", re.I)
    offenders = [str(t.relative_to(web)) for t in web.rglob("*.html") if inline.search(t.read_text(encoding="utf-8"))]
    assert offenders == []


def test_static_files_of_the_app_and_the_admin(server):
    for path in ("/static/gongkai/site.css", "/static/gongkai/site.js", "/static/gongkai/console.js", "/static/admin/css/base.css"):
        with urllib.request.urlopen(server + path) as response:
            assert response.status == 200 and "max-age" in response.headers["Cache-Control"], path


def test_a_body_over_the_limit_is_refused_before_it_is_read(server):
    """Over the largest limit (a batch of reports): waitress answers from the declared length."""
    host, port = server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("POST", "/login/")
    connection.putheader("Content-Type", "text/plain")
    connection.putheader("Content-Length", str(BATCH_BYTES + 2 * 1024 * 1024))
    connection.endheaders()  # the body is never sent
    assert connection.getresponse().status == 413
    connection.close()


def test_a_body_over_its_pages_limit_is_refused_with_a_page(server):
    """Over the page's own limit (an ordinary form: the upload size and 1 MB): the register's 413 page."""
    body = b"x" * (3 * 1024 * 1024)
    request = urllib.request.Request(server + "/login/", data=body, headers={"Content-Type": "text/plain"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=60)
    assert info.value.code == 413
    assert "提交的内容过大" in info.value.read().decode()