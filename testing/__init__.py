"""Helpers for the tests and the benchmarks (not shipped in the wheel): a programmable loopback
web site (``testing.sitesrv``)."""
