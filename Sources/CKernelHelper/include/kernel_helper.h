#ifndef LOOKASIDE_KERNEL_HELPER_H
#define LOOKASIDE_KERNEL_HELPER_H

#include <stdint.h>

/// The helper process of a real-kernel run: reads one operation per line from `in_fd`, performs it
/// with mmap, loads, stores, msync, fsync, sync, munmap and fork, and answers one line on `out_fd`.
/// Never returns (the process exits when told to, or when `in_fd` reaches its end).
_Noreturn void lookaside_kernel_helper(int in_fd, int out_fd);

/// The janitor of a real-kernel run: waits until `in_fd` reaches its end (the tool has exited, however
/// it ended), then removes the scratch directory `directory` and everything in it.
_Noreturn void lookaside_kernel_janitor(int in_fd, const char *directory);

/// cachestat(2) (Linux 6.5+) for one range of a file: its pages in the page cache, dirty, and under
/// writeback. Returns 0, or -1 with errno set (ENOSYS where the kernel lacks it).
int lookaside_cachestat(int fd, uint64_t offset, uint64_t length, uint64_t *cached, uint64_t *dirty, uint64_t *writeback);

/// mincore(2) over a read-only shared mapping of `length` bytes of `fd` (made and unmade here, never
/// touched, so nothing is faulted in): one byte per page in `residency`, bit 0 set when cached.
int lookaside_file_residency(int fd, uint64_t length, unsigned char *residency);

/// A hardware counter of `pid`'s data-TLB misses in user space (perf_event_open: the generic
/// dTLB cache event, reads when `stores` is 0, writes when 1); -1 with errno set where the CPU
/// has no such counter (most virtual machines).
int lookaside_dtlb_counter(int pid, int stores);

/// A counter's value so far; -1 when it cannot be read.
int64_t lookaside_read_counter(int fd);

/// write(2) to a helper's pipe that fails with EPIPE, rather than killing the tool with SIGPIPE,
/// when the helper has died: SIGPIPE is blocked around the write and a pending one taken back.
long lookaside_write_quietly(int fd, const void *bytes, unsigned long count);

/// pipe2(2) with O_CLOEXEC: both ends closed in any program this one starts.
int lookaside_pipe(int fds[2]);

/// Drops a file's clean pages from the page cache (fsync, then posix_fadvise DONTNEED).
int lookaside_drop_cache(int fd);

#endif
