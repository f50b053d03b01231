/*
 * Stacks are recycled; a stack whose thread never returned from its frames
 * keeps AddressSanitizer's poison. When the program runs under ASan, the
 * library clears it before reusing the stack.
 */
#include <stddef.h>

extern void __asan_unpoison_memory_region(void const volatile *addr, size_t size) __attribute__((weak));

void
p9thread_asan_unpoison(void *addr, size_t len)
{
	if(__asan_unpoison_memory_region != NULL)
		__asan_unpoison_memory_region(addr, len);
}
