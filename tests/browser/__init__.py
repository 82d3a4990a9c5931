"""Browser tests (Playwright + Debian's Chromium) and the shared built-site helpers (``sitebuild``)."""
