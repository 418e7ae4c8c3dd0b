"""``orglearn app``: serve the browser app (explore, compare, learn) on this machine.

The browser stack (Solara, its widgets, Altair, matplotlib) is imported only when the command
runs, so the rest of the command line stays quick. By default the app listens on 127.0.0.1, so
only this computer can reach it; ``--host 0.0.0.0`` opens it to a classroom network. Every
asset is served locally, so it works with no internet.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Any

APP_MODULE = "orglearn.app.page"


def port(text: str) -> int:
    """A TCP port from 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port; use 1 to 65535")
    return value


def add(commands: Any) -> None:
    """Add the command to the parser."""
    app = commands.add_parser(
        "app", help="serve the browser app: explore, compare and learn (English and Dutch)"
    )
    app.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)"
    )
    app.add_argument("--port", type=port, default=8765, help="port to listen on (default: 8765)")
    app.add_argument(
        "--lessons",
        type=Path,
        default=None,
        metavar="DIR",
        help="a folder of your own lesson files, shown next to the shipped lessons",
    )
    app.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Serve the app until interrupted."""
    import os

    try:
        from orglearn.app.assets import configure_environment
    except ImportError:  # pragma: no cover - only without the app extra
        print(
            "orglearn app: the browser app is not installed; run: pip install 'orglearn[app]'",
            file=sys.stderr,
        )
        return 2
    if args.lessons is not None:
        if not args.lessons.is_dir():
            print(f"orglearn app: --lessons {args.lessons}: not a folder", file=sys.stderr)
            return 2
        from orglearn.app.lessons import LESSONS_ENV, LessonError, load_lessons

        try:
            load_lessons([args.lessons])
        except LessonError as err:
            print(f"orglearn app: a lesson in {args.lessons} cannot be used:\n{err}", file=sys.stderr)
            return 2
        os.environ[LESSONS_ENV] = str(args.lessons.resolve())
    assets = configure_environment()
    os.environ["SOLARA_APP"] = APP_MODULE
    os.environ["SERVER_NAME"], os.environ["SERVER_PORT"] = args.host, str(args.port)
    import uvicorn
    from solara.server import settings

    settings.main.mode = "production"
    # Served over plain http on a classroom network, Solara warns on every new visitor that it
    # falls back to samesite=lax cookies; that fallback is right here, so the warning is noise.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    if assets is None:
        print("orglearn app: solara-assets is missing; the page needs internet to load", file=sys.stderr)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"orglearn app: open http://{host}:{args.port}/ in a browser (Ctrl+C stops the app)", flush=True)
    config = uvicorn.Config(
        "solara.server.starlette:app", host=args.host, port=args.port, log_level="warning"
    )
    uvicorn.Server(config).run()
    return 0
