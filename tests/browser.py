"""Debian's Chromium, headless and silent, for the page tests, the page benchmark and the README's screenshots.

Only tests and benchmarks open a browser, so its path and flags live here rather than in the library.
Benchmarks run from a checkout and import this module as they import ``tests/fixture_files.py``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "launch_chromium"]

#: Debian's Chromium and the flags that keep it headless and silent on a machine with no network
#: (no background requests, no updates); playwright drives it, so no browser is downloaded.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)


def launch_chromium(playwright: Any) -> Any:
    """A headless :data:`CHROMIUM` with :data:`CHROMIUM_ARGS`, from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True)
