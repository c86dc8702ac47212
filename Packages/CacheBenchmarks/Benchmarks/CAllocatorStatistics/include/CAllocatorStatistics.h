// The bytes the C allocator has handed out and not taken back, for the memory workload.
#ifndef C_ALLOCATOR_STATISTICS_H
#define C_ALLOCATOR_STATISTICS_H
#include <stddef.h>

/// Bytes in use: small allocations plus memory-mapped large ones.
size_t allocator_bytes_in_use(void);

#endif
