"""Rectrack: turn an inspectorate's report and the responses to it into a validated tracker site."""

from __future__ import annotations

from functools import cache


@cache
def package_version() -> str:
    """The installed version, looked up on first use only.

    ``importlib.metadata`` costs tens of milliseconds to import and search, which every command would
    otherwise pay at start-up although only ``rectrack --version`` needs the answer.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rectrack")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    """Resolve ``rectrack.__version__`` lazily (PEP 562), so ``import rectrack`` stays cheap."""
    if name == "__version__":
        return package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
