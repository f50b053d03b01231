/*
 * AddressSanitizer hooks, used only when the program runs under ASan (the
 * sanitizer's functions are weak references, null otherwise).
 *
 * Stacks are recycled: a stack whose thread never returned from its frames
 * keeps ASan's poison, which the library clears before reusing the stack.
 * Every context switch is announced with the sanitizer's fiber interface.
 * LeakSanitizer, which scans the OS threads' stacks for pointers, is told of
 * every stack in use, so that what only a thread's stack points to is not
 * reported as leaked.
 */
#include <stddef.h>

extern void __asan_unpoison_memory_region(void const volatile *addr, size_t size) __attribute__((weak));
extern void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size) __attribute__((weak));
extern void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old, size_t *size_old) __attribute__((weak));
extern void __lsan_register_root_region(const void *p, size_t size) __attribute__((weak));
extern void __lsan_unregister_root_region(const void *p, size_t size) __attribute__((weak));

int
p9thread_asan_present(void)
{
	return __sanitizer_start_switch_fiber != NULL && __sanitizer_finish_switch_fiber != NULL;
}

void
p9thread_asan_unpoison(void *addr, size_t len)
{
	if(__asan_unpoison_memory_region != NULL)
		__asan_unpoison_memory_region(addr, len);
}

void
p9thread_asan_start_switch(void **save, const void *bottom, size_t size)
{
	__sanitizer_start_switch_fiber(save, bottom, size);
}

void
p9thread_asan_finish_switch(void *save)
{
	__sanitizer_finish_switch_fiber(save, NULL, NULL);
}

int
p9thread_lsan_present(void)
{
	return __lsan_register_root_region != NULL && __lsan_unregister_root_region != NULL;
}

void
p9thread_lsan_register(const void *addr, size_t len)
{
	__lsan_register_root_region(addr, len);
}

void
p9thread_lsan_unregister(const void *addr, size_t len)
{
	__lsan_unregister_root_region(addr, len);
}
