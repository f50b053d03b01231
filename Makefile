# p9thread: Plan 9's thread library for Linux.
#
#   make                 build libthread.so, libthread.a and include/thread.h
#   make test            every test: header check, Rust tests, C tests (also
#                        under sanitizers and on aarch64)
#   make check-asan      the C tests built with AddressSanitizer and UBSan
#   make check-tsan      the C tests built with ThreadSanitizer
#   make bench           benchmarks against peers (QUICK=1 for a short run)
#   make install         PREFIX=/usr/local DESTDIR= : libraries, header, pkg-config
#   make uninstall
#   make sieve           build and run the prime sieve example

PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR  := target/release
CARGO   ?= cargo
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

.PHONY: all lib header check-header test rust-test ctest check-asan check-tsan install-check check-arch check-aarch64 lint bench sieve install uninstall clean

all: lib

# The C libraries are built on their own, without the rlib that Cargo.toml
# also declares for Rust users of the crate. In a build that makes an rlib,
# every function and static the rlib's inline code may reach is exported
# to its dependents, so the library's calls to its own out-of-line paths
# and its reads of its own flags go through the GOT. Without it they are
# direct: a round trip between two threads runs 8 instructions fewer.
BUILD_LIB := rustc --release --lib --crate-type cdylib,staticlib

lib:
	$(CARGO) $(BUILD_LIB)
	ln -sf libthread.so $(LIBDIR)/libthread.so.0

# build.rs writes the freshly generated header to $(LIBDIR)/thread.h.
header: lib
	cp $(LIBDIR)/thread.h include/thread.h

check-header: lib
	@cmp -s $(LIBDIR)/thread.h include/thread.h || { \
	  echo "include/thread.h differs from the generated header: run 'make header' and commit it"; \
	  diff -u include/thread.h $(LIBDIR)/thread.h | head -40; exit 1; }
	@echo "include/thread.h matches the generated header"

rust-test:
	$(CARGO) test --release

ctest: lib
	bash ctests/run.sh $(LIBDIR)

# The C tests built for AddressSanitizer (with LeakSanitizer) and the
# undefined-behaviour sanitizer, less those that cannot run under it.
check-asan: lib
	CC="$(CC) -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
		CXX="$(CXX) -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
		CTEST_OUT=$(CURDIR)/build/ctests-asan CTEST_TIMEOUT=120 bash ctests/run.sh $(LIBDIR)

# The C tests built for ThreadSanitizer, less those that cannot run under it.
# ThreadSanitizer reports a race when the later of its two accesses
# happens; its default sleep of a second at exit, for OS threads still
# running, would only slow the tests down (two minutes become five).
check-tsan: lib
	TSAN_OPTIONS="atexit_sleep_ms=0 $$TSAN_OPTIONS" \
		CC="$(CC) -fsanitize=thread" CXX="$(CXX) -fsanitize=thread" CTEST_OUT=$(CURDIR)/build/ctests-tsan \
		CTEST_TIMEOUT=180 bash ctests/run.sh $(LIBDIR)

# Installs into a scratch DESTDIR, builds the sieve against what was
# installed (shared and static), and checks uninstall leaves nothing behind.
install-check: lib
	rm -rf build/inst && mkdir -p build/inst
	$(MAKE) -s install DESTDIR=$(CURDIR)/build/inst PREFIX=/usr
	$(CC) -O2 -Wall -Ibuild/inst/usr/include examples/primes.c -Lbuild/inst/usr/lib -lthread \
	  -Wl,-rpath,$(CURDIR)/build/inst/usr/lib -o build/inst/primes-shared
	$(CC) -O2 -Wall -Ibuild/inst/usr/include examples/primes.c build/inst/usr/lib/libthread.a \
	  -lpthread -ldl -lm -o build/inst/primes-static
	test "$$(build/inst/primes-shared 10 | tail -1)" = 29
	test "$$(build/inst/primes-static 10 | tail -1)" = 29
	grep -q '^Libs: -L$${libdir} -lthread' build/inst/usr/lib/pkgconfig/thread.pc
	$(MAKE) -s uninstall DESTDIR=$(CURDIR)/build/inst PREFIX=/usr
	test -z "$$(find build/inst/usr -type f -o -type l)"
	@echo "install-check: install and uninstall work"

# The context switch of every CPU in src/arch, assembled on its own and run
# (aarch64 under qemu-user: needs gcc-aarch64-linux-gnu and qemu-user).
check-arch:
	bash ctests/arch/check.sh x86_64
	@command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null || { \
	  echo "check-arch: install gcc-aarch64-linux-gnu and qemu-user to test src/arch/aarch64.rs"; exit 1; }
	bash ctests/arch/check.sh aarch64

# The whole library built for aarch64, and the C tests run against it under
# qemu-user, less those that need what qemu-user does not emulate (their
# "// qemu:" lines say what). rustup adds no targets on this machine, but
# Debian's rustc-web comes with an aarch64 standard library; .ci/run
# installs it (rustc-web, cargo-web, libstd-rust-web-dev:arm64) with lld,
# g++-aarch64-linux-gnu and qemu-user.
AARCH64_CARGO  ?= /usr/bin/cargo
AARCH64_RUSTC  ?= /usr/bin/rustc
AARCH64_LIBDIR := build/aarch64/aarch64-unknown-linux-gnu/release
AARCH64_RUN    := qemu-aarch64 -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib

check-aarch64:
	@test -d "$$($(AARCH64_RUSTC) --print sysroot 2>/dev/null)/lib/rustlib/aarch64-unknown-linux-gnu" || { \
	  echo "check-aarch64: $(AARCH64_RUSTC) has no aarch64 standard library: install Debian's rustc-web, cargo-web and libstd-rust-web-dev:arm64 (see .ci/run)"; exit 1; }
	RUSTC=$(AARCH64_RUSTC) CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
	  $(AARCH64_CARGO) $(BUILD_LIB) --target aarch64-unknown-linux-gnu --target-dir build/aarch64
	ln -sf libthread.so $(AARCH64_LIBDIR)/libthread.so.0
	CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++ CTEST_OUT=$(CURDIR)/build/ctests-aarch64 \
	  CTEST_RUN="$(AARCH64_RUN)" CTEST_TIMEOUT=120 bash ctests/run.sh $(AARCH64_LIBDIR)

lint:
	$(CARGO) clippy --release --lib -- -D warnings

test: check-header lint rust-test install-check check-arch ctest check-asan check-tsan check-aarch64

bench: lib
	bash bench/run.sh $(LIBDIR)

sieve: lib
	mkdir -p build
	$(CC) -O2 -Wall -Iinclude examples/primes.c -L$(LIBDIR) -lthread -Wl,-rpath,$(CURDIR)/$(LIBDIR) -o build/primes
	./build/primes 20

install: lib
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(LIBDIR)/libthread.a $(DESTDIR)$(PREFIX)/lib/libthread.a
	install -m 755 $(LIBDIR)/libthread.so $(DESTDIR)$(PREFIX)/lib/libthread.so.$(VERSION)
	ln -sf libthread.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libthread.so.0
	ln -sf libthread.so.0 $(DESTDIR)$(PREFIX)/lib/libthread.so
	install -m 644 include/thread.h $(DESTDIR)$(PREFIX)/include/thread.h
	install -d $(DESTDIR)$(PREFIX)/share/man/man3
	install -m 644 man/thread.3 man/thread-exec.3 man/lib9hooks.3 man/ioproc.3 $(DESTDIR)$(PREFIX)/share/man/man3/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' thread.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/thread.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/lib/libthread.a $(DESTDIR)$(PREFIX)/lib/libthread.so \
	  $(DESTDIR)$(PREFIX)/lib/libthread.so.0 $(DESTDIR)$(PREFIX)/lib/libthread.so.$(VERSION) \
	  $(DESTDIR)$(PREFIX)/include/thread.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/thread.pc \
	  $(DESTDIR)$(PREFIX)/share/man/man3/thread.3 $(DESTDIR)$(PREFIX)/share/man/man3/thread-exec.3 \
	  $(DESTDIR)$(PREFIX)/share/man/man3/lib9hooks.3 $(DESTDIR)$(PREFIX)/share/man/man3/ioproc.3

clean:
	$(CARGO) clean
	rm -rf build
