"""Content: load and validate techniques, playbooks, sources, the live console and locale files; the model they build."""
