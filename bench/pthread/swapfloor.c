/*
 * The floor of a same-proc round trip on this machine: two coroutines in
 * one OS thread hand a word back and forth through a variable, switching
 * stacks with the least a switch can do (save the callee-saved registers,
 * change stacks, restore them).  No channel, no run queue, no library: one
 * round trip is two switches.  Its figure moves with the speed the host
 * gives this vCPU at the moment, as ours does.
 *
 *	pthread_swapfloor [iterations]
 *	prints: pthread_swapfloor ns_per_op=R iters=N
 */
#include <stdint.h>
#include "../bench.h"

/* swap(from, to): save the registers on this stack and its pointer in
 * *from, take the stack *to and return on it. */
void swapfloor_swap(void **from, void *to);

#if defined(__x86_64__)
__asm__(
	".text\n"
	".globl swapfloor_swap\n"
	".type swapfloor_swap,@function\n"
	"swapfloor_swap:\n"
	"	pushq %rbp\n"
	"	pushq %rbx\n"
	"	pushq %r12\n"
	"	pushq %r13\n"
	"	pushq %r14\n"
	"	pushq %r15\n"
	"	movq %rsp, (%rdi)\n"
	"	movq %rsi, %rsp\n"
	"	popq %r15\n"
	"	popq %r14\n"
	"	popq %r13\n"
	"	popq %r12\n"
	"	popq %rbx\n"
	"	popq %rbp\n"
	"	popq %rcx\n"
	"	jmpq *%rcx\n"
	".size swapfloor_swap, .-swapfloor_swap\n");

/* A stack whose first swap returns into entry, aligned as after a call. */
static void *
initial_stack(char *base, size_t size, void (*entry)(void))
{
	uintptr_t top = ((uintptr_t)base + size) & ~(uintptr_t)15;
	void **sp = (void **)top - 2;	/* the slot at top-8: a return address entry never uses */

	sp[0] = (void *)entry;
	sp -= 6;			/* r15, r14, r13, r12, rbx, rbp */
	memset(sp, 0, 6 * sizeof *sp);
	return sp;
}
#elif defined(__aarch64__)
__asm__(
	".text\n"
	".globl swapfloor_swap\n"
	".type swapfloor_swap,%function\n"
	"swapfloor_swap:\n"
	"	sub sp, sp, #160\n"
	"	stp x19, x20, [sp, #0]\n"
	"	stp x21, x22, [sp, #16]\n"
	"	stp x23, x24, [sp, #32]\n"
	"	stp x25, x26, [sp, #48]\n"
	"	stp x27, x28, [sp, #64]\n"
	"	stp x29, x30, [sp, #80]\n"
	"	stp d8, d9, [sp, #96]\n"
	"	stp d10, d11, [sp, #112]\n"
	"	stp d12, d13, [sp, #128]\n"
	"	stp d14, d15, [sp, #144]\n"
	"	mov x9, sp\n"
	"	str x9, [x0]\n"
	"	mov sp, x1\n"
	"	ldp x19, x20, [sp, #0]\n"
	"	ldp x21, x22, [sp, #16]\n"
	"	ldp x23, x24, [sp, #32]\n"
	"	ldp x25, x26, [sp, #48]\n"
	"	ldp x27, x28, [sp, #64]\n"
	"	ldp x29, x30, [sp, #80]\n"
	"	ldp d8, d9, [sp, #96]\n"
	"	ldp d10, d11, [sp, #112]\n"
	"	ldp d12, d13, [sp, #128]\n"
	"	ldp d14, d15, [sp, #144]\n"
	"	add sp, sp, #160\n"
	"	br x30\n"
	".size swapfloor_swap, .-swapfloor_swap\n");

/* A stack whose first swap returns (through x30) into entry. */
static void *
initial_stack(char *base, size_t size, void (*entry)(void))
{
	uintptr_t top = ((uintptr_t)base + size) & ~(uintptr_t)15;
	void **sp = (void **)(top - 160);

	memset(sp, 0, 160);
	sp[11] = (void *)entry;		/* x30, at sp+88 */
	return sp;
}
#else
#error "pthread_swapfloor: no stack switch for this architecture"
#endif

static void *main_sp, *partner_sp;
static volatile unsigned long word;

static void
partner(void)
{
	for (;;) {
		word = word + 1;
		swapfloor_swap(&partner_sp, main_sp);
	}
}

/* Round trips with the partner, which adds one to the word each time. */
static int
roundtrips(long n)
{
	for (long i = 0; i < n; i++) {
		word = (unsigned long)i;
		swapfloor_swap(&main_sp, partner_sp);
		if (word != (unsigned long)i + 1)
			return 0;
	}
	return 1;
}

int
main(int argc, char **argv)
{
	static _Alignas(64) char stack[64 * 1024];
	long n = bench_arg(argc, argv, 1, 1000000);
	long long t0, t1;

	partner_sp = initial_stack(stack, sizeof stack, partner);
	if (!roundtrips(n / 10 + 1))	/* warm up */
		goto wrong;
	t0 = bench_now_ns();
	if (!roundtrips(n))
		goto wrong;
	t1 = bench_now_ns();
	bench_report("pthread_swapfloor ns_per_op=%.2f iters=%ld", (double)(t1 - t0) / n, n);
	return 0;
wrong:
	fprintf(stderr, "pthread_swapfloor: wrong value back\n");
	return 1;
}
