"""Misses of one libCacheSim policy on a trace of page numbers (one per line), at each cache size.

Usage: python libcachesim_misses.py TRACE POLICY SIZE,SIZE,...
Prints one miss count per size, in order. POLICY is a libcachesim class name (LRU, FIFO, Sieve...).
"""
import sys

import libcachesim as lcs

path, policy, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3].split(",")]
with open(path) as trace:
    requests = sum(1 for _ in trace)
cache_class = getattr(lcs, policy)
for size in sizes:
    reader = lcs.TraceReader(trace=path, trace_type=lcs.TraceType.PLAIN_TXT_TRACE)
    # A small hash table: the default (2^24 buckets) costs far more to set up than these traces to run.
    ratio, _ = cache_class(cache_size=size, hashpower=16).process_trace(reader)
    print(round(ratio * requests))
