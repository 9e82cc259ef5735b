// The helper of `lookaside run --real-kernel`: one real process per scenario process, doing each
// operation the tool sends it on real memory, so /proc can show what the kernel did. Plain C: it
// forks for the scenario's `fork`, which a Swift runtime must never do.
#define _GNU_SOURCE
#include "kernel_helper.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_FILES 64

// cachestat(2), Linux 6.5: the same number on x86-64 and arm64, not yet in every libc's headers.
#if !defined(__NR_cachestat) && (defined(__x86_64__) || defined(__aarch64__))
#define __NR_cachestat 451
#endif

static int file_fds[MAX_FILES];
/// The operation being read: static, so that touching it ahead (`prefault_stack`) is certain.
static char command_line[8192];
static uint64_t file_addresses[MAX_FILES];
static uint64_t file_lengths[MAX_FILES];

static void reply(int out_fd, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void reply(int out_fd, const char *format, ...) {
    char line[512];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(line, sizeof line - 1, format, arguments);
    va_end(arguments);
    if (length < 0) length = 0;
    if (length > (int)sizeof line - 2) length = (int)sizeof line - 2;
    line[length++] = '\n';
    for (int written = 0; written < length;) {
        ssize_t n = write(out_fd, line + written, (size_t)(length - written));
        if (n <= 0) _exit(1);
        written += (int)n;
    }
}

/// One line from `fd` into `line` (without its newline); 0 at the end of the input.
static int read_line(int fd, char *line, size_t size) {
    size_t used = 0;
    while (used + 1 < size) {
        char c;
        ssize_t n = read(fd, &c, 1);
        if (n == 0) return 0;
        if (n < 0) {
            if (errno == EINTR) continue;
            return 0;
        }
        if (c == '\n') break;
        line[used++] = c;
    }
    line[used] = 0;
    return 1;
}

/// Touches the stack the operations will use, so that their own first touches are not counted
/// as the scenario's faults.
/// After a fork, the same touches copy the helper's own pages (now copy-on-write) at once.
static void __attribute__((noinline)) prefault_stack(void) {
    volatile char stack[256 * 1024];
    for (size_t i = 0; i < sizeof stack; i += 1024) stack[i] = 0;
    for (int i = 0; i < MAX_FILES; i++) {
        file_fds[i] = file_fds[i];
        file_addresses[i] = file_addresses[i];
        file_lengths[i] = file_lengths[i];
    }
    memset(command_line, 0, sizeof command_line);
    errno = 0;
}

static void *at(uint64_t address) { return (void *)(uintptr_t)address; }

static void map_file(int out_fd, const char *arguments) {
    int file;
    char path[4096], mode[16];
    unsigned long long address, length;
    if (sscanf(arguments, "%d %llx %llu %15s %4095[^\n]", &file, &address, &length, mode, path) != 5 || file < 0 || file >= MAX_FILES) {
        reply(out_fd, "error map needs FILE ADDRESS LENGTH shared|private PATH");
        return;
    }
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        reply(out_fd, "error open %s: %s", path, strerror(errno));
        return;
    }
    int flags = (strcmp(mode, "private") == 0 ? MAP_PRIVATE : MAP_SHARED) | MAP_FIXED_NOREPLACE;
    void *mapped = mmap(at(address), length, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (mapped == MAP_FAILED) {
        reply(out_fd, "error mmap: %s", strerror(errno));
        close(fd);
        return;
    }
    file_fds[file] = fd;
    file_addresses[file] = address;
    file_lengths[file] = length;
    reply(out_fd, "ok");
}

static void allocate(int out_fd, const char *arguments) {
    unsigned long long address, length;
    if (sscanf(arguments, "%llx %llu", &address, &length) != 2) {
        reply(out_fd, "error alloc needs ADDRESS LENGTH");
        return;
    }
    void *mapped = mmap(at(address), length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (mapped == MAP_FAILED) {
        reply(out_fd, "error mmap: %s", strerror(errno));
        return;
    }
    reply(out_fd, "ok");
}

static void close_file(int out_fd, const char *arguments) {
    int file;
    if (sscanf(arguments, "%d", &file) != 1 || file < 0 || file >= MAX_FILES || file_fds[file] < 0) {
        reply(out_fd, "error close needs an open FILE");
        return;
    }
    munmap(at(file_addresses[file]), file_lengths[file]);
    close(file_fds[file]);
    file_fds[file] = -1;
    reply(out_fd, "ok");
}

/// `fork IN OUT`: the child takes the FIFOs IN and OUT as its channel (the tool opens them too) and
/// answers "ready"; the parent answers with the child's pid.
static void fork_child(int *in_fd, int *out_fd, const char *arguments) {
    char in_path[2048], out_path[2048];
    if (sscanf(arguments, "%2047s %2047s", in_path, out_path) != 2) {
        reply(*out_fd, "error fork needs IN OUT");
        return;
    }
    pid_t child = fork();
    if (child < 0) {
        reply(*out_fd, "error fork: %s", strerror(errno));
        return;
    }
    if (child > 0) {
        prefault_stack();
        reply(*out_fd, "ok %d", (int)child);
        return;
    }
    close(*in_fd);
    close(*out_fd);
    *in_fd = open(in_path, O_RDONLY | O_CLOEXEC);
    *out_fd = open(out_path, O_WRONLY | O_CLOEXEC);
    if (*in_fd < 0 || *out_fd < 0) _exit(1);
    prefault_stack();
    reply(*out_fd, "ready %d", (int)getpid());
}

_Noreturn void lookaside_kernel_helper(int in_fd, int out_fd) {
    for (int i = 0; i < MAX_FILES; i++) file_fds[i] = -1;
    prefault_stack();
    // A helper outlives nothing: when the tool is gone, its channel ends and the helper exits;
    // a direct child of the tool is also killed at once with it.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGPIPE, SIG_DFL);
    // Children forked for the scenario are reaped by the kernel, not left as zombies.
    signal(SIGCHLD, SIG_IGN);
    char *line = command_line;
    reply(out_fd, "ready %d", (int)getpid());
    while (read_line(in_fd, line, sizeof command_line)) {
        char *arguments = strchr(line, ' ');
        arguments = arguments ? arguments + 1 : line + strlen(line);
        unsigned long long address, length;
        long long value;
        int file;
        if (strncmp(line, "map ", 4) == 0) {
            map_file(out_fd, arguments);
        } else if (strncmp(line, "alloc ", 6) == 0) {
            allocate(out_fd, arguments);
        } else if (strncmp(line, "read ", 5) == 0 && sscanf(arguments, "%llx", &address) == 1) {
            volatile int64_t *word = at(address);
            reply(out_fd, "ok %lld", (long long)*word);
        } else if (strncmp(line, "write ", 6) == 0 && sscanf(arguments, "%llx %lld", &address, &value) == 2) {
            volatile int64_t *word = at(address);
            *word = value;
            reply(out_fd, "ok");
        } else if (strncmp(line, "msync ", 6) == 0 && sscanf(arguments, "%llx %llu", &address, &length) == 2) {
            reply(out_fd, msync(at(address), length, MS_SYNC) == 0 ? "ok" : "error msync");
        } else if (strncmp(line, "fsync ", 6) == 0 && sscanf(arguments, "%d", &file) == 1 && file >= 0 && file < MAX_FILES) {
            reply(out_fd, file_fds[file] >= 0 && fsync(file_fds[file]) == 0 ? "ok" : "error fsync");
        } else if (strcmp(line, "sync") == 0) {
            sync();
            reply(out_fd, "ok");
        } else if (strncmp(line, "close ", 6) == 0) {
            close_file(out_fd, arguments);
        } else if (strncmp(line, "fork ", 5) == 0) {
            fork_child(&in_fd, &out_fd, arguments);
        } else if (strcmp(line, "exit") == 0) {
            reply(out_fd, "ok");
            _exit(0);
        } else {
            reply(out_fd, "error unknown operation: %.100s", line);
        }
    }
    _exit(0);
}

static void remove_tree(const char *path) {
    DIR *directory = opendir(path);
    if (directory) {
        struct dirent *entry;
        while ((entry = readdir(directory))) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
            struct stat info;
            if (lstat(child, &info) == 0 && S_ISDIR(info.st_mode)) remove_tree(child); else unlink(child);
        }
        closedir(directory);
    }
    rmdir(path);
}

_Noreturn void lookaside_kernel_janitor(int in_fd, const char *directory) {
    char buffer[64];
    // Its own session: a Ctrl-C meant for the tool does not end the janitor before the tool.
    setsid();
    for (;;) {
        ssize_t n = read(in_fd, buffer, sizeof buffer);
        if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
    remove_tree(directory);
    _exit(0);
}

struct lookaside_cachestat_range { uint64_t off, len; };
struct lookaside_cachestat_result {
    uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted;
};

int lookaside_cachestat(int fd, uint64_t offset, uint64_t length, uint64_t *cached, uint64_t *dirty, uint64_t *writeback) {
#ifdef __NR_cachestat
    struct lookaside_cachestat_range range = {offset, length};
    struct lookaside_cachestat_result result;
    memset(&result, 0, sizeof result);
    if (syscall(__NR_cachestat, fd, &range, &result, 0) != 0) return -1;
    *cached = result.nr_cache;
    *dirty = result.nr_dirty;
    *writeback = result.nr_writeback;
    return 0;
#else
    (void)fd; (void)offset; (void)length; (void)cached; (void)dirty; (void)writeback;
    errno = ENOSYS;
    return -1;
#endif
}

int lookaside_file_residency(int fd, uint64_t length, unsigned char *residency) {
    if (length == 0) return 0;
    void *mapped = mmap(NULL, length, PROT_READ, MAP_SHARED, fd, 0);
    if (mapped == MAP_FAILED) return -1;
    int result = mincore(mapped, length, residency);
    munmap(mapped, length);
    return result;
}

int lookaside_dtlb_counter(int pid, int stores) {
    struct perf_event_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.type = PERF_TYPE_HW_CACHE;
    attributes.size = sizeof attributes;
    attributes.config = PERF_COUNT_HW_CACHE_DTLB | ((stores ? PERF_COUNT_HW_CACHE_OP_WRITE : PERF_COUNT_HW_CACHE_OP_READ) << 8)
        | (PERF_COUNT_HW_CACHE_RESULT_MISS << 16);
    attributes.exclude_kernel = 1;
    attributes.exclude_hv = 1;
    return (int)syscall(__NR_perf_event_open, &attributes, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

int64_t lookaside_read_counter(int fd) {
    uint64_t value = 0;
    return read(fd, &value, sizeof value) == (ssize_t)sizeof value ? (int64_t)value : -1;
}

long lookaside_write_quietly(int fd, const void *bytes, unsigned long count) {
    sigset_t pipe, old;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, &old);
    ssize_t written = write(fd, bytes, count);
    int saved = errno;
    if (written < 0 && saved == EPIPE) {
        struct timespec now = {0, 0};
        while (sigtimedwait(&pipe, NULL, &now) == SIGPIPE) {}
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return (long)written;
}

int lookaside_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int lookaside_drop_cache(int fd) {
    if (fsync(fd) != 0) return -1;
    return posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
}
