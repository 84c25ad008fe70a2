"""The rules: the YAML folder read into immutable objects (model), checked with file and line (loading)."""
