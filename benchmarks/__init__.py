"""Benchmarks for the build, the reader and the data: ``python -m benchmarks.run`` (``make bench``)."""
