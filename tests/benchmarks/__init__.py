"""Benchmarks (make bench): whole-process timings and peak memory, never part of make test."""
