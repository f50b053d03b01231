// A program that dlopens libthread.so, uses it from a pthread (adopted, with the note delivery proc started) and dlcloses it keeps running: the library stays mapped (it is linked -z nodelete), so the pthread's end, which runs the library's destructor, and later signals find its code. The program does not link the library.
// cflags: -Wl,--as-needed
// asan: the sanitizer intercepts dlopen, which then searches the sanitizer run-time's run path, not the program's
// tsan: the sanitizer intercepts dlopen, which then searches the sanitizer run-time's run path, not the program's
#include <dlfcn.h>
#include <pthread.h>

#include "test.h"

typedef struct Lib {
	void *(*chancreate)(int, int);
	int (*sendul)(void *, unsigned long);
	unsigned long (*recvul)(void *);
	int (*proccreate)(void (*)(void *), void *, unsigned);
} Lib;

static Lib lib;
static int relayed;

static void relay(void *c)
{
	lib.sendul(c, lib.recvul(c) + 1);
}

// Uses the library, and returns once `closed` is set: after dlclose.
static int closed;
static void *worker(void *arg)
{
	void *c = lib.chancreate(sizeof(unsigned long), 0);

	(void)arg;
	lib.proccreate(relay, c, 0);
	lib.sendul(c, 41);
	SHARED_SET(relayed, (int)lib.recvul(c));
	while(!SHARED_GET(closed))
		usleep(1000);
	return NULL;
}

static int mapped(void)
{
	char line[512];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	CHECK(f != NULL);
	while(fgets(line, sizeof line, f) != NULL)
		if(strstr(line, "libthread.so") != NULL)
			found = 1;
	fclose(f);
	return found;
}

int main(void)
{
	for(int round = 0; round < 3; round++){
		pthread_t t;
		void *h = dlopen("libthread.so.0", RTLD_NOW | RTLD_LOCAL);
		if(h == NULL)
			FAILF("dlopen: %s", dlerror());
		lib.chancreate = (void *(*)(int, int))dlsym(h, "chancreate");
		lib.sendul = (int (*)(void *, unsigned long))dlsym(h, "chansendul");
		lib.recvul = (unsigned long (*)(void *))dlsym(h, "chanrecvul");
		lib.proccreate = (int (*)(void (*)(void *), void *, unsigned))dlsym(h, "proccreate");
		CHECK(lib.chancreate && lib.sendul && lib.recvul && lib.proccreate);
		SHARED_SET(closed, 0);
		SHARED_SET(relayed, 0);
		CHECK(pthread_create(&t, NULL, worker, NULL) == 0);
		while(SHARED_GET(relayed) == 0)
			usleep(1000);
		CHECKEQ(SHARED_GET(relayed), 42);
		CHECK(dlclose(h) == 0);
		CHECK(mapped());
		SHARED_SET(closed, 1);
		CHECK(pthread_join(t, NULL) == 0);
		raise(SIGRTMAX - 2);	// the threadint signal, whose handler the library installed
	}
	return 0;
}
