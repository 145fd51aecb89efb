"""Hostile inputs: the message each gets, the memory and time it costs, and (web import) the
effect on another user's pages.

    python benchmarks/bench_hostile.py            # CLI part, then the web part on port 18120

CLI: each input read by `gongkai extract` under /usr/bin/time -v (maximum resident memory).
Web: `gongkai serve` on loopback; one user uploads each hostile file to 导入 over and over
while another loads the request list; the list's p50/p95 is printed idle and under each.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import MB, pdf_bomb, workbook  # noqa: E402

from bench_load import PASSWORD  # noqa: E402
from serving import Session, Timings, percentile, start_server  # noqa: E402

CLI = [sys.executable, "-c", "import sys; from gongkai.cli import main; sys.exit(main())"]


def hostile_files(folder: Path) -> dict[str, list[str]]:
    """name -> the paths given to `gongkai extract`."""
    bomb = folder / "bomb.pdf"
    bomb.write_bytes(pdf_bomb(2048 * MB))
    named = folder / "workbook-named.docx"
    named.write_bytes(workbook(110_000, 20))
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    (folder / "loop-a.pdf").symlink_to("loop-b.pdf")
    (folder / "loop-b.pdf").symlink_to("loop-a.pdf")
    odd = folder / "name\x1b[31m\r.txt"
    odd.write_text("不是年度报告", encoding="utf-8")
    return {
        f"PDF bomb ({bomb.stat().st_size / MB:.1f} MB → 2 GB)": [str(bomb)],
        f"XLSX named .docx ({named.stat().st_size / MB:.1f} MB)": [str(named)],
        "FIFO": [str(fifo)],
        "symlink loop": [str(folder / "loop-a.pdf")],
        "missing path in a batch": [str(folder / "missing.pdf"), str(odd)],
        "control characters in a name": [str(odd)],
    }


def cli_part(folder: Path) -> None:
    print("CLI (gongkai extract -j 1, under /usr/bin/time -v):")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, paths in hostile_files(folder).items():
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", *CLI, "extract", "-j", "1", *paths], env=env,
                              capture_output=True, text=True, timeout=600)
        wall = time.perf_counter() - start
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024
        lines = [line for line in done.stderr.splitlines() if ": " in line and not line.startswith("\t")]
        print(f"  {name}: exit {done.returncode}, {rss:.0f} MB, {wall:.1f} s")
        for line in lines:
            print(f"      {line}")


def web_part(port: int, folder: Path, rounds: float) -> None:
    from gongkai.web import migrate, setup

    home = tempfile.mkdtemp(prefix="gongkai-hostile-")
    url = f"sqlite:///{home}/register.sqlite3"
    setup(url, home)
    migrate()
    from django.contrib.auth import get_user_model

    from gongkai.web.models import Agency, Membership

    agency = Agency.objects.create(name="测试机关", number_prefix="测试")
    for name in ("importer", "reader"):
        user = get_user_model().objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=user, agency=agency, role="clerk")
    server, base = start_server(url, home, port)
    uploads = {
        "PDF bomb": ("bomb.pdf", (folder / "bomb.pdf").read_bytes()),
        "XLSX named .docx": ("report.docx", (folder / "workbook-named.docx").read_bytes()),
    }
    try:
        log = Timings()
        reader, importer = Session(base, log), Session(base, log)
        reader.login("reader", PASSWORD)
        importer.login("importer", PASSWORD)
        print(f"Web import (gongkai serve, another user loading the request list for {rounds:.0f} s each):")
        print(f"  idle: list {_list_latency(reader, rounds)}")
        for name, (filename, data) in uploads.items():
            stop = threading.Event()
            messages: list[str] = []
            rss: list[float] = []
            thread = threading.Thread(target=_upload_loop, args=(importer, filename, data, stop, messages), daemon=True)
            thread.start()
            watcher = threading.Thread(target=_watch_children, args=(server.pid, stop, rss), daemon=True)
            watcher.start()
            latency = _list_latency(reader, rounds)
            stop.set()
            thread.join(timeout=120)
            shown = sorted(set(messages))
            print(f"  while uploading {name} ({len(data) / MB:.1f} MB) {len(messages)} times: list {latency}; "
                  f"largest reading process {max(rss, default=0):.0f} MB")
            for m in shown:
                print(f"      {m}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _list_latency(session: Session, seconds: float) -> str:
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        session.get("/requests/")
        times.append(time.perf_counter() - start)
    return f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {percentile(times, 0.95) * 1000:.0f} ms (n={len(times)})"


def _upload_loop(session: Session, filename: str, data: bytes, stop: threading.Event, messages: list) -> None:
    import urllib.error
    import urllib.request

    while not stop.is_set():
        _, page, _ = session.get("/report/2025/")
        token = Session.fields(page)["csrfmiddlewaretoken"]
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(session.base + "/report/2025/import/", data=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": session.base + "/report/2025/"})
        try:
            session.opener.open(request, timeout=300).close()
        except urllib.error.HTTPError as exc:  # the redirect back to the report page
            if exc.code != 302:
                messages.append(f"HTTP {exc.code}")
        _, page, _ = session.get("/report/2025/")
        messages += re.findall(r'<li class="error">(导入失败[^<]*)</li>', page)


def _watch_children(pid: int, stop: threading.Event, rss: list) -> None:
    """The resident memory of the server's reading processes, sampled."""
    while not stop.is_set():
        for child in Path(f"/proc/{pid}/task").glob("*/children"):
            for cpid in child.read_text().split():
                try:
                    status = Path(f"/proc/{cpid}/status").read_text()
                    rss.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
                except (OSError, AttributeError):
                    pass
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18120)
    parser.add_argument("--seconds", type=float, default=15, help="length of each web measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cli_part(Path(tmp))
        web_part(args.port, Path(tmp), args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
