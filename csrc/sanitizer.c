/*
 * Sanitizer hooks, used only when the program runs under AddressSanitizer,
 * LeakSanitizer or ThreadSanitizer (the sanitizers' functions are weak
 * references, null otherwise).
 *
 * Stacks are recycled: a stack whose thread never returned from its frames
 * keeps ASan's poison, which the library clears before reusing the stack.
 * Every context switch is announced with the sanitizer's fiber interface.
 * LeakSanitizer, which scans the OS threads' stacks for pointers, is told of
 * every stack in use, so that what only a thread's stack points to is not
 * reported as leaked.
 *
 * ThreadSanitizer is told of every thread as a fiber and of every switch,
 * and of the library's own synchronisation, which it cannot see since the
 * library is not instrumented: see src/sanitizer.rs.
 */
#include <stddef.h>

extern void __asan_unpoison_memory_region(void const volatile *addr, size_t size) __attribute__((weak));
extern void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size) __attribute__((weak));
extern void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old, size_t *size_old) __attribute__((weak));
extern void __lsan_register_root_region(const void *p, size_t size) __attribute__((weak));
extern void __lsan_unregister_root_region(const void *p, size_t size) __attribute__((weak));
extern void *__tsan_get_current_fiber(void) __attribute__((weak));
extern void *__tsan_create_fiber(unsigned flags) __attribute__((weak));
extern void __tsan_destroy_fiber(void *fiber) __attribute__((weak));
extern void __tsan_switch_to_fiber(void *fiber, unsigned flags) __attribute__((weak));
extern void __tsan_set_fiber_name(void *fiber, const char *name) __attribute__((weak));
extern void __tsan_acquire(void *addr) __attribute__((weak));
extern void __tsan_release(void *addr) __attribute__((weak));
extern void __tsan_ignore_thread_begin(void) __attribute__((weak));
extern void __tsan_ignore_thread_end(void) __attribute__((weak));

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

int
p9thread_tsan_present(void)
{
	return __tsan_get_current_fiber != NULL && __tsan_create_fiber != NULL && __tsan_destroy_fiber != NULL
		&& __tsan_switch_to_fiber != NULL && __tsan_set_fiber_name != NULL
		&& __tsan_acquire != NULL && __tsan_release != NULL
		&& __tsan_ignore_thread_begin != NULL && __tsan_ignore_thread_end != NULL;
}

void *
p9thread_tsan_current_fiber(void)
{
	return __tsan_get_current_fiber();
}

void *
p9thread_tsan_create_fiber(void)
{
	return __tsan_create_fiber(0);
}

void
p9thread_tsan_destroy_fiber(void *fiber)
{
	__tsan_destroy_fiber(fiber);
}

/* The switch orders what ran before it before what runs after it: threads
 * of one proc never run at once. */
void
p9thread_tsan_switch(void *fiber)
{
	__tsan_switch_to_fiber(fiber, 0);
}

void
p9thread_tsan_set_name(void *fiber, const char *name)
{
	__tsan_set_fiber_name(fiber, name);
}

void
p9thread_tsan_acquire(void *addr)
{
	__tsan_acquire(addr);
}

void
p9thread_tsan_release(void *addr)
{
	__tsan_release(addr);
}

void
p9thread_tsan_ignore_begin(void)
{
	__tsan_ignore_thread_begin();
}

void
p9thread_tsan_ignore_end(void)
{
	__tsan_ignore_thread_end();
}
