"""The de-escalation knowledge base: content model, validation and renderers.

Plain Python with no MkDocs imports, so that the MkDocs hooks stay thin glue and the
core can be tested, and later moved to another generator, on its own.
"""
