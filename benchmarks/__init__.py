"""Benchmark scripts (a regular package, so that no installed top-level ``benchmarks`` — pysbd ships
one — shadows it)."""
