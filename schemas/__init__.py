"""The JSON Schemas of the data files, installed with the package as ``rectrack.schemas``.

This folder is the single statement of what a data file may contain; ``pyproject.toml`` maps it into
the package (``package-dir``), so an installed wheel and an editable checkout read the same files.
"""
