"""The site stage: the rendered tree built by the engine (MkDocs), downloads and search added, swapped in.

``build`` runs the stages in order; each stage is a module named for its job (``tree``, ``engine``,
``pagefind``, ``swap``), and ``project`` says where a build reads and writes. ``serve`` is the live preview.
"""
