"""The data stage: read YAML strictly, check it against the schemas and across files, build the model.

Nothing here knows about dates other than those in the data, or about pages: the result is a
validated, frozen :class:`~rectrack.data.model.Dataset` (or the list of problems that prevent one).
"""
