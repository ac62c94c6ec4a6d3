"""`partnerpath serve` (gunicorn + the background worker) and `partnerpath demo load`."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from typing import Any


def _serve(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command

    if args.migrate:
        call_command("migrate", interactive=False, verbosity=0)
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "partnerpath.config.settings"
        ),
    }
    web = [
        sys.executable,
        "-m",
        "gunicorn",
        "partnerpath.config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        "4",
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "20",
    ]
    worker = [sys.executable, "-m", "partnerpath", "manage", "db_worker", "--queue-name", "*"]
    processes: list[subprocess.Popen[Any]] = [subprocess.Popen(web, env=env)]
    if not args.no_worker:
        processes.append(subprocess.Popen(worker, env=env))
    print(
        f"PartnerPath is serving on http://{args.host}:{args.port}/ "
        f"({'web only' if args.no_worker else 'web and background worker'}); press Ctrl+C to stop.",
        flush=True,
    )

    stopping = False

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    try:
        while not stopping:
            for proc in processes:
                if proc.poll() is not None:
                    print(
                        f"partnerpath: {'web server' if proc is processes[0] else 'worker'} "
                        "stopped "
                        f"(exit code {proc.returncode}); stopping the rest.",
                        file=sys.stderr,
                    )
                    code = proc.returncode or 1
                    stopping = True
            time.sleep(0.5)
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in processes:
            try:
                proc.wait(timeout=25)
            except subprocess.TimeoutExpired:
                proc.kill()
    return code


def _demo_load(args: argparse.Namespace) -> int:
    from partnerpath import demo

    summary = demo.load()
    print(summary)
    return 0


def register(sub: Any) -> None:
    """Add `serve` and `demo` to the command tree."""
    serve = sub.add_parser(
        "serve",
        help="start the web app (gunicorn) and the background worker",
        description="Start the web app with gunicorn and the background worker (db_worker) "
        "together. Stops both on Ctrl+C or SIGTERM; if one stops, the other is stopped too.",
    )
    serve.add_argument(
        "--host",
        default=os.environ.get("HOST", "127.0.0.1"),
        help="address to listen on (default 127.0.0.1)",
    )
    serve.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8000")), help="port (default 8000)"
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "2")),
        help="gunicorn worker processes (default 2, or WEB_CONCURRENCY)",
    )
    serve.add_argument(
        "--no-worker", action="store_true", help="do not start the background worker"
    )
    serve.add_argument("--migrate", action="store_true", help="apply database migrations first")
    serve.set_defaults(handler=_serve, needs_django=True)

    demo = sub.add_parser(
        "demo", help="the fictional demo programme", description="Work with the demo programme."
    )
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="ACTION")
    demo_sub.required = True
    load = demo_sub.add_parser(
        "load",
        help="load the demo programme (idempotent) and the demo login demo/demo",
        description="Load the fictional 'Mekong Region CTIP Programme' and the user demo "
        "(password demo). "
        "Running it again changes nothing.",
    )
    load.set_defaults(handler=_demo_load, needs_django=True)
