#ifndef YARDSTICK_H
#define YARDSTICK_H

/* A minimal C paging simulator: the yardstick Lookaside's `sim` is measured against.
   It reads a trace with mmap and a hand-written line parser (lackey or one hex address per line),
   and simulates one process's pages in `frames` frames, write-back, no TLB, with the same
   choices as Lookaside (lowest free frame first; ties to the page loaded first) so the fault
   counts must agree. OPT sees the future through the same look-ahead window as Lookaside. */

enum yardstick_policy { YARDSTICK_LRU = 0, YARDSTICK_FIFO = 1, YARDSTICK_CLOCK = 2, YARDSTICK_OPT = 3 };

struct yardstick_result {
    long references;
    long faults;
    long evictions;
    long writebacks;
    /* 0 on success, else errno. */
    int error;
};

struct yardstick_result yardstick_simulate(const char *path, int policy, long frames, int page_shift, long lookahead);

#endif
