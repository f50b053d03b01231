// chanprint sends a malloc'd formatted string that the receiver frees and returns 1; on a closed channel it sends nothing and returns -1.
#include "test.h"

static char fmt1[] = "%d-%s-%c-%lu", fmt2[] = "%s%s", fmt3[] = "", fmt4[] = "%d";

static void printer(void *arg)
{
	Channel *c = arg;
	for(int i = 0; i < 100; i++)
		CHECKEQ(chanprint(c, fmt4, i), 1);
}

void threadmain(int argc, char *argv[])
{
	Channel *c = chancreate(sizeof(char*), 4);
	Channel *u = chancreate(sizeof(char*), 0);
	char *s, want[16];
	char *longa = malloc(5000), *longb = malloc(5000);
	(void)argc; (void)argv;

	CHECKEQ(chanprint(c, fmt1, 42, "abc", 'z', 123456789012UL), 1);
	s = recvp(c);
	CHECK(s != NULL);
	CHECK(strcmp(s, "42-abc-z-123456789012") == 0);
	free(s);

	// Long results are not truncated.
	memset(longa, 'a', 4999); longa[4999] = 0;
	memset(longb, 'b', 4999); longb[4999] = 0;
	CHECKEQ(chanprint(c, fmt2, longa, longb), 1);
	s = recvp(c);
	CHECKEQ(strlen(s), 9998);
	CHECK(strncmp(s, longa, 4999) == 0 && strcmp(s + 4999, longb) == 0);
	free(s);

	CHECKEQ(chanprint(c, fmt3), 1);
	s = recvp(c);
	CHECK(s != NULL && s[0] == 0);
	free(s);

	// Each string is a separate allocation, through an unbuffered channel.
	threadcreate(printer, u, 0);
	char *prev = NULL;
	for(int i = 0; i < 100; i++) {
		s = recvp(u);
		snprintf(want, sizeof want, "%d", i);
		CHECK(s != NULL && s != prev);
		CHECK(strcmp(s, want) == 0);
		if(prev)
			free(prev);
		prev = s;
	}
	free(prev);

	// On a closed channel nothing is sent (and nothing leaks to us).
	CHECKEQ(chanclose(c), 0);
	CHECKEQ(chanprint(c, fmt4, 5), -1);
	CHECK(nbrecvp(c) == NULL);
	free(longa);
	free(longb);
	chanfree(c);
	chanfree(u);
	threadexits(NULL);
}
