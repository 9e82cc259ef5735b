#include "yardstick.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Open addressing, linear probing, backward-shift deletion: page -> value. */
typedef struct {
    int64_t *keys;
    long *values;
    uint64_t mask;
} map_t;

#define EMPTY INT64_MIN

static void map_init(map_t *m, long count) {
    uint64_t size = 16;
    while (size < (uint64_t)count * 4) size <<= 1;
    m->keys = malloc(size * sizeof(int64_t));
    m->values = malloc(size * sizeof(long));
    for (uint64_t i = 0; i < size; i++) m->keys[i] = EMPTY;
    m->mask = size - 1;
}

static void map_clear(map_t *m) {
    for (uint64_t i = 0; i <= m->mask; i++) m->keys[i] = EMPTY;
}

static inline uint64_t slot(const map_t *m, int64_t key) {
    return (((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 20) & m->mask;
}

static inline long map_find(const map_t *m, int64_t key) {
    uint64_t i = slot(m, key);
    for (;;) {
        if (m->keys[i] == key) return m->values[i];
        if (m->keys[i] == EMPTY) return -1;
        i = (i + 1) & m->mask;
    }
}

static inline void map_put(map_t *m, int64_t key, long value) {
    uint64_t i = slot(m, key);
    while (m->keys[i] != EMPTY && m->keys[i] != key) i = (i + 1) & m->mask;
    m->keys[i] = key;
    m->values[i] = value;
}

static void map_remove(map_t *m, int64_t key) {
    uint64_t i = slot(m, key);
    while (m->keys[i] != key) {
        if (m->keys[i] == EMPTY) return;
        i = (i + 1) & m->mask;
    }
    uint64_t hole = i, next = (i + 1) & m->mask;
    while (m->keys[next] != EMPTY) {
        uint64_t home = slot(m, m->keys[next]);
        int between = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
        if (!between) {
            m->keys[hole] = m->keys[next];
            m->values[hole] = m->values[next];
            hole = next;
        }
        next = (next + 1) & m->mask;
    }
    m->keys[hole] = EMPTY;
}

typedef struct {
    int policy;
    long frames, used, hand, tick;
    int64_t *page;
    char *dirty, *referenced;
    long *loaded, *next_use;
    /* LRU: intrusive list, head least recent. */
    long *prev, *next, head, tail;
    /* OPT: indexed max-heap of frames by (next use, earliest loaded). */
    long *heap, *position, heap_size;
    map_t resident;
    struct yardstick_result result;
} sim_t;

static inline int opt_before(const sim_t *s, long a, long b) {
    if (s->next_use[a] != s->next_use[b]) return s->next_use[a] > s->next_use[b];
    return s->loaded[a] < s->loaded[b];
}

static void heap_swap(sim_t *s, long i, long j) {
    long a = s->heap[i], b = s->heap[j];
    s->heap[i] = b;
    s->heap[j] = a;
    s->position[b] = i;
    s->position[a] = j;
}

static void heap_up(sim_t *s, long i) {
    while (i > 0) {
        long parent = (i - 1) / 2;
        if (!opt_before(s, s->heap[i], s->heap[parent])) break;
        heap_swap(s, i, parent);
        i = parent;
    }
}

static void heap_down(sim_t *s, long i) {
    for (;;) {
        long l = 2 * i + 1, r = l + 1, best = i;
        if (l < s->heap_size && opt_before(s, s->heap[l], s->heap[best])) best = l;
        if (r < s->heap_size && opt_before(s, s->heap[r], s->heap[best])) best = r;
        if (best == i) return;
        heap_swap(s, i, best);
        i = best;
    }
}

static inline void unlink_frame(sim_t *s, long f) {
    long p = s->prev[f], n = s->next[f];
    if (p >= 0) s->next[p] = n; else s->head = n;
    if (n >= 0) s->prev[n] = p; else s->tail = p;
}

static inline void append_frame(sim_t *s, long f) {
    s->prev[f] = s->tail;
    s->next[f] = -1;
    if (s->tail >= 0) s->next[s->tail] = f; else s->head = f;
    s->tail = f;
}

static void sim_init(sim_t *s, int policy, long frames) {
    memset(s, 0, sizeof *s);
    s->policy = policy;
    s->frames = frames;
    s->page = malloc(frames * sizeof(int64_t));
    s->dirty = calloc(frames, 1);
    s->referenced = calloc(frames, 1);
    s->loaded = calloc(frames, sizeof(long));
    s->next_use = calloc(frames, sizeof(long));
    s->prev = malloc(frames * sizeof(long));
    s->next = malloc(frames * sizeof(long));
    s->heap = malloc(frames * sizeof(long));
    s->position = malloc(frames * sizeof(long));
    s->head = s->tail = -1;
    map_init(&s->resident, frames);
}

static long victim(sim_t *s) {
    switch (s->policy) {
    case YARDSTICK_LRU: return s->head;
    case YARDSTICK_FIFO: {
        long f = s->hand;
        s->hand = (s->hand + 1) % s->frames;
        return f;
    }
    case YARDSTICK_CLOCK:
        for (;;) {
            long f = s->hand;
            s->hand = (s->hand + 1) % s->frames;
            if (!s->referenced[f]) return f;
            s->referenced[f] = 0;
        }
    default: return s->heap[0];
    }
}

static inline void access_page(sim_t *s, int64_t page, int write, long upcoming) {
    s->tick++;
    s->result.references++;
    long f = map_find(&s->resident, page);
    if (f < 0) {
        s->result.faults++;
        if (s->used < s->frames) {
            f = s->used++;
            if (s->policy == YARDSTICK_OPT) {
                s->position[f] = s->heap_size;
                s->heap[s->heap_size++] = f;
            }
        } else {
            f = victim(s);
            s->result.evictions++;
            if (s->dirty[f]) s->result.writebacks++;
            map_remove(&s->resident, s->page[f]);
            if (s->policy == YARDSTICK_LRU) unlink_frame(s, f);
        }
        s->page[f] = page;
        s->dirty[f] = 0;
        s->referenced[f] = 0;
        s->loaded[f] = s->tick;
        map_put(&s->resident, page, f);
        if (s->policy == YARDSTICK_LRU) append_frame(s, f);
        if (s->policy == YARDSTICK_OPT) {
            s->next_use[f] = upcoming;
            heap_up(s, s->position[f]);
            heap_down(s, s->position[f]);
        }
    } else if (s->policy == YARDSTICK_LRU) {
        if (s->tail != f) {
            unlink_frame(s, f);
            append_frame(s, f);
        }
    } else if (s->policy == YARDSTICK_OPT) {
        s->next_use[f] = upcoming;
        heap_up(s, s->position[f]);
        heap_down(s, s->position[f]);
    }
    if (s->policy == YARDSTICK_CLOCK) s->referenced[f] = 1;
    if (write) s->dirty[f] = 1;
}

static const unsigned char *hex_value(void) {
    static unsigned char table[256];
    static int ready;
    if (!ready) {
        memset(table, 0xFF, sizeof table);
        for (int c = 0; c < 10; c++) table['0' + c] = c;
        for (int c = 0; c < 6; c++) table['a' + c] = table['A' + c] = 10 + c;
        ready = 1;
    }
    return table;
}

/* Parses one line; returns the references it makes (0, 1 or 2). */
static inline int parse_line(const unsigned char *p, const unsigned char *end, int lackey, int shift, int64_t *pages, char *writes) {
    const unsigned char *hex = hex_value();
    while (p < end && *p == ' ') p++;
    if (p >= end) return 0;
    int write = 0;
    if (lackey) {
        if (*p == '=') return 0;
        write = *p == 'S' || *p == 'M';
        p++;
        while (p < end && *p == ' ') p++;
    } else if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
    }
    uint64_t address = 0;
    while (p < end && hex[*p] != 0xFF) address = address << 4 | hex[*p++];
    long size = 1;
    if (lackey && p < end && *p == ',') {
        size = 0;
        for (p++; p < end && *p >= '0' && *p <= '9'; p++) size = size * 10 + (*p - '0');
        if (size < 1) size = 1;
    } else if (!lackey) {
        while (p < end && *p == ' ') p++;
        write = p < end && (*p == 'W' || *p == 'w');
    }
    int64_t first = (int64_t)(address >> shift), last = (int64_t)((address + size - 1) >> shift);
    pages[0] = first;
    writes[0] = (char)write;
    if (last == first) return 1;
    pages[1] = last;
    writes[1] = (char)write;
    return 2;
}

struct yardstick_result yardstick_simulate(const char *path, int policy, long frames, int page_shift, long lookahead) {
    struct yardstick_result failed = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0) { failed.error = errno; return failed; }
    struct stat st;
    if (fstat(fd, &st) != 0) { failed.error = errno; close(fd); return failed; }
    size_t length = (size_t)st.st_size;
    const unsigned char *data = length ? mmap(NULL, length, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    close(fd);
    if (length && data == MAP_FAILED) { failed.error = errno; return failed; }
    const unsigned char *p = data, *end = data + length;

    sim_t s;
    sim_init(&s, policy, frames);
    /* OPT holds references back as Lookaside does: up to 2 x lookahead, then simulates all but the last lookahead. */
    long capacity = policy == YARDSTICK_OPT ? 2 * lookahead + 2 : 0;
    int64_t *held = capacity ? malloc(capacity * sizeof(int64_t)) : NULL;
    char *held_writes = capacity ? malloc(capacity) : NULL;
    long *upcoming = capacity ? malloc(capacity * sizeof(long)) : NULL;
    map_t last_seen;
    if (capacity) map_init(&last_seen, capacity);
    long count = 0, base = 0;
    int lackey = -1;

    for (;;) {
        int at_end = p >= end;
        if (!at_end) {
            const unsigned char *newline = memchr(p, '\n', (size_t)(end - p));
            const unsigned char *stop = newline ? newline : end;
            if (lackey < 0) {
                const unsigned char *q = p;
                while (q < stop && *q == ' ') q++;
                if (q < stop) lackey = (q + 1 < stop && q[1] == ' ' && (*q == 'I' || *q == 'L' || *q == 'S' || *q == 'M')) || *q == '=';
            }
            int64_t pages[2];
            char writes[2];
            int n = lackey >= 0 ? parse_line(p, stop, lackey, page_shift, pages, writes) : 0;
            p = newline ? newline + 1 : end;
            for (int i = 0; i < n; i++) {
                if (!capacity) {
                    access_page(&s, pages[i], writes[i], LONG_MAX);
                } else {
                    held[count] = pages[i];
                    held_writes[count++] = writes[i];
                }
            }
        }
        if (capacity && (count >= 2 * lookahead || (at_end && count > 0))) {
            long keep = at_end ? 0 : lookahead;
            map_clear(&last_seen);
            for (long i = count - 1; i >= 0; i--) {
                long next = map_find(&last_seen, held[i]);
                upcoming[i] = next >= 0 ? base + next : LONG_MAX;
                map_put(&last_seen, held[i], i);
            }
            long run = count - keep;
            for (long i = 0; i < run; i++) access_page(&s, held[i], held_writes[i], upcoming[i]);
            memmove(held, held + run, keep * sizeof(int64_t));
            memmove(held_writes, held_writes + run, keep);
            count = keep;
            base += run;
        }
        if (at_end) break;
    }
    if (length) munmap((void *)data, length);
    free(held);
    free(held_writes);
    free(upcoming);
    if (capacity) {
        free(last_seen.keys);
        free(last_seen.values);
    }
    void *parts[] = {s.page, s.dirty, s.referenced, s.loaded, s.next_use, s.prev, s.next, s.heap, s.position, s.resident.keys, s.resident.values};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) free(parts[i]);
    return s.result;
}
