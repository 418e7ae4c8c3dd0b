"""Serve Solara's front-end files from this machine, so the app works with no internet.

By default the Solara server fetches its JavaScript and CSS from a CDN and caches them; in a
classroom behind a firewall the page then never gets past "Loading app". The ``solara-assets``
package ships those files into ``<prefix>/share/solara/cdn``. This module builds a cache folder
of links to them, adds the names the Vega-Lite widget asks for (``vega@5``, ``vega-lite@5``,
``vega-embed@6``; the package has them only under their full versions), and points the server
at it through ``SOLARA_ASSETS_PROXY_CACHE_DIR``. Telemetry is switched off for the same reason.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ALIASES = {"vega@5": "vega@5", "vega-lite@5": "vega-lite@5", "vega-embed@6": "vega-embed@6"}
CACHE_ENV = "SOLARA_ASSETS_PROXY_CACHE_DIR"


def shipped_assets() -> Path | None:
    """The folder ``solara-assets`` installed its files into, or None if it is missing."""
    import site

    for prefix in (sys.prefix, site.getuserbase()):
        folder = Path(prefix) / "share" / "solara" / "cdn"
        if (folder / "@widgetti").is_dir():
            return folder
    return None


def _newest(folder: Path, alias: str) -> Path | None:
    """The newest full version of a package matching an alias like ``vega@5``."""
    name, major = alias.rsplit("@", 1)
    pattern = re.compile(rf"^{re.escape(name)}@{major}\.(\d+)\.(\d+)$")
    found = [(tuple(int(x) for x in m.groups()), p) for p in folder.iterdir() if (m := pattern.match(p.name))]
    return max(found)[1] if found else None


def prepare_assets(cache: Path | None = None) -> Path | None:
    """Build (or refresh) the cache folder of links to the shipped assets.

    Args:
        cache: Where to build it; by default ``~/.cache/orglearn/solara-cdn`` (or a temporary
            folder if the home folder cannot be written).

    Returns:
        The folder, or None if ``solara-assets`` is not installed.
    """
    shipped = shipped_assets()
    if shipped is None:
        return None
    if cache is None:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        cache = base / "orglearn" / "solara-cdn"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        cache = Path(tempfile.mkdtemp(prefix="orglearn-cdn-"))
    links = {entry.name: entry for entry in shipped.iterdir()}
    for alias in ALIASES:
        newest = _newest(shipped, alias)
        if newest is not None:
            links[alias] = newest
    for name, target in links.items():
        link = cache / name
        if link.is_symlink() and link.resolve() != target.resolve():
            link.unlink()
        if not link.exists() and not link.is_symlink():
            link.symlink_to(target, target_is_directory=target.is_dir())
    return cache


def configure_environment(cache: Path | None = None) -> Path | None:
    """Set the environment for an offline server; call before Solara's server is imported."""
    os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    os.environ.setdefault("SOLARA_THEME_LOADER", "plain")
    folder = prepare_assets(cache)
    if folder is not None:
        os.environ[CACHE_ENV] = str(folder)
    return folder
