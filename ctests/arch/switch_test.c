/*
 * Tests the context switch of src/arch/<cpu>.rs on its own: the assembly
 * extracted by extract.py, and a first frame laid out as the file's
 * init_frame lays it out (FRAME_WORDS, ENTRY_SLOT, ARG_SLOT, FP_SLOT,
 * RET_SLOT below must match it; FP_SLOT -1: none). Two contexts pass
 * control back and forth; the registers the switch must keep survive every
 * switch. Exit status 0 means pass.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void p9arch_switch(void **from, void *to);
extern void p9arch_trampoline(void);

#if defined(__aarch64__)
enum { FRAME_WORDS = 20, ENTRY_SLOT = 0, ARG_SLOT = 1, FP_SLOT = 10, RET_SLOT = 11 };
#elif defined(__x86_64__)
enum { FRAME_WORDS = 3, ENTRY_SLOT = 0, ARG_SLOT = 1, FP_SLOT = -1, RET_SLOT = 2 };
#endif

#if defined(__x86_64__)
/* The switch keeps rbx and rbp; its callers in the library declare r12 to
   r15 clobbered. A C caller expects them kept: switch_c keeps them. */
extern void switch_c(void **from, void *to);
__asm__(
	".text\n.globl switch_c\n.p2align 4\nswitch_c:\n"
	"\tpushq %r12\n\tpushq %r13\n\tpushq %r14\n\tpushq %r15\n\tsubq $8, %rsp\n"
	"\tcall p9arch_switch\n"
	"\taddq $8, %rsp\n\tpopq %r15\n\tpopq %r14\n\tpopq %r13\n\tpopq %r12\n\tret\n");
#else
#define switch_c p9arch_switch
#endif

static void *main_ctx, *co_ctx;
static long rounds;
static double fsum;

static void __attribute__((noreturn))
coroutine(void *arg)
{
	long *n = arg;
	double x = 1.5;
	for(;;){
		(*n)++;
		x *= 1.0001;
		fsum = x;
		switch_c(&co_ctx, main_ctx);
	}
}

static void *
init_frame(char *top, void (*entry)(void *), void *arg)
{
	uintptr_t *sp = (uintptr_t *)top - FRAME_WORDS;
	memset(sp, 0, FRAME_WORDS * sizeof *sp);
	sp[ENTRY_SLOT] = (uintptr_t)entry;
	sp[ARG_SLOT] = (uintptr_t)arg;
	if(FP_SLOT >= 0)
		sp[FP_SLOT] = 0;
	sp[RET_SLOT] = (uintptr_t)p9arch_trampoline;
	return sp;
}

/* Switches once with the callee-saved registers set to known values, and
   returns nonzero if any changed. */
#if defined(__aarch64__)
extern int check_switch(void **from, void *to);
__asm__(
	".text\n.globl check_switch\n.p2align 4\ncheck_switch:\n"
	/* Keep our own callee-saved registers and the return address. */
	"\tstp x29, x30, [sp, #-176]!\n\tmov x29, sp\n"
	"\tstp x19, x20, [sp, #16]\n\tstp x21, x22, [sp, #32]\n\tstp x23, x24, [sp, #48]\n"
	"\tstp x25, x26, [sp, #64]\n\tstp x27, x28, [sp, #80]\n"
	"\tstp d8, d9, [sp, #96]\n\tstp d10, d11, [sp, #112]\n\tstp d12, d13, [sp, #128]\n\tstp d14, d15, [sp, #144]\n"
	/* Known values: x19..x28 = 19..28, d8..d15 = 8..15. */
	"\tmov x19, #19\n\tmov x20, #20\n\tmov x21, #21\n\tmov x22, #22\n\tmov x23, #23\n"
	"\tmov x24, #24\n\tmov x25, #25\n\tmov x26, #26\n\tmov x27, #27\n\tmov x28, #28\n"
	"\tfmov d8, #8.0\n\tfmov d9, #9.0\n\tfmov d10, #10.0\n\tfmov d11, #11.0\n"
	"\tfmov d12, #12.0\n\tfmov d13, #13.0\n\tfmov d14, #14.0\n\tfmov d15, #15.0\n"
	"\tbl p9arch_switch\n"
	/* Count the registers that changed. */
	"\tmov x0, #0\n"
	"\tcmp x19, #19\n\tcinc x0, x0, ne\n\tcmp x20, #20\n\tcinc x0, x0, ne\n"
	"\tcmp x21, #21\n\tcinc x0, x0, ne\n\tcmp x22, #22\n\tcinc x0, x0, ne\n"
	"\tcmp x23, #23\n\tcinc x0, x0, ne\n\tcmp x24, #24\n\tcinc x0, x0, ne\n"
	"\tcmp x25, #25\n\tcinc x0, x0, ne\n\tcmp x26, #26\n\tcinc x0, x0, ne\n"
	"\tcmp x27, #27\n\tcinc x0, x0, ne\n\tcmp x28, #28\n\tcinc x0, x0, ne\n"
	"\tfmov d0, #8.0\n\tfcmp d8, d0\n\tcinc x0, x0, ne\n\tfmov d0, #9.0\n\tfcmp d9, d0\n\tcinc x0, x0, ne\n"
	"\tfmov d0, #10.0\n\tfcmp d10, d0\n\tcinc x0, x0, ne\n\tfmov d0, #11.0\n\tfcmp d11, d0\n\tcinc x0, x0, ne\n"
	"\tfmov d0, #12.0\n\tfcmp d12, d0\n\tcinc x0, x0, ne\n\tfmov d0, #13.0\n\tfcmp d13, d0\n\tcinc x0, x0, ne\n"
	"\tfmov d0, #14.0\n\tfcmp d14, d0\n\tcinc x0, x0, ne\n\tfmov d0, #15.0\n\tfcmp d15, d0\n\tcinc x0, x0, ne\n"
	"\tldp x19, x20, [sp, #16]\n\tldp x21, x22, [sp, #32]\n\tldp x23, x24, [sp, #48]\n"
	"\tldp x25, x26, [sp, #64]\n\tldp x27, x28, [sp, #80]\n"
	"\tldp d8, d9, [sp, #96]\n\tldp d10, d11, [sp, #112]\n\tldp d12, d13, [sp, #128]\n\tldp d14, d15, [sp, #144]\n"
	"\tldp x29, x30, [sp], #176\n\tret\n");
#endif

#if defined(__x86_64__)
extern int check_switch(void **from, void *to);
__asm__(
	".text\n.globl check_switch\n.p2align 4\ncheck_switch:\n"
	"\tpushq %rbp\n\tpushq %rbx\n\tpushq %r12\n\tpushq %r13\n\tpushq %r14\n\tpushq %r15\n\tsubq $8, %rsp\n"
	/* Known values in the registers the switch keeps. */
	"\tmovq $0x1111, %rbx\n\tmovq $0x2222, %rbp\n"
	"\tcall p9arch_switch\n"
	/* Count those that changed. */
	"\txorl %eax, %eax\n"
	"\tcmpq $0x1111, %rbx\n\tsetne %cl\n\tmovzbl %cl, %ecx\n\taddl %ecx, %eax\n"
	"\tcmpq $0x2222, %rbp\n\tsetne %cl\n\tmovzbl %cl, %ecx\n\taddl %ecx, %eax\n"
	"\taddq $8, %rsp\n\tpopq %r15\n\tpopq %r14\n\tpopq %r13\n\tpopq %r12\n\tpopq %rbx\n\tpopq %rbp\n\tret\n");
#endif

static int
switch_keeps_registers(void)
{
	return check_switch(&main_ctx, co_ctx);
}

int
main(void)
{
	size_t size = 64 * 1024;
	char *stack = aligned_alloc(16, size);
	co_ctx = init_frame(stack + size, coroutine, &rounds);
	for(long i = 0; i < 100000; i++){
		if(switch_keeps_registers()){
			fprintf(stderr, "switch: callee-saved registers changed at round %ld\n", i);
			return 1;
		}
		if(rounds != i + 1){
			fprintf(stderr, "switch: coroutine ran %ld times, want %ld\n", rounds, i + 1);
			return 1;
		}
	}
	printf("switch: %ld round trips, registers kept, fsum %.3f\n", rounds, fsum);
	return 0;
}
