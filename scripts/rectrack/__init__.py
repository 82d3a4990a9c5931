"""Rectrack: turn an inspectorate's report and the responses to it into a validated tracker site."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rectrack")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
