// After chanclose, buffered elements stay receivable, then every receive fails (-1, nil, 0), sends fail at once, and chanclosing counts what is left.
#include "test.h"

void threadmain(int argc, char *argv[])
{
	Channel *c, *p, *u, *z;
	int v;
	(void)argc; (void)argv;

	c = chancreate(sizeof(int), 4);
	CHECKEQ(chanclosing(c), -1);
	for(v = 1; v <= 3; v++)
		CHECKEQ(send(c, &v), 1);
	CHECKEQ(chanclosing(c), -1);
	CHECKEQ(chanclose(c), 0);
	CHECKEQ(chanclosing(c), 3);
	CHECKEQ(chanclose(c), -1); // already closed
	CHECKEQ(chanclosing(c), 3);

	// Sends fail at once, even with room in the buffer.
	v = 9;
	CHECKEQ(send(c, &v), -1);
	CHECKEQ(nbsend(c, &v), -1);
	CHECKEQ(chanclosing(c), 3);

	// What was buffered is still delivered, in order.
	CHECKEQ(recv(c, &v), 1);
	CHECKEQ(v, 1);
	CHECKEQ(chanclosing(c), 2);
	CHECKEQ(nbrecv(c, &v), 1);
	CHECKEQ(v, 2);
	CHECKEQ(chanclosing(c), 1);
	CHECKEQ(recv(c, &v), 1);
	CHECKEQ(v, 3);
	CHECKEQ(chanclosing(c), 0);

	// Then receives fail without blocking, again and again.
	for(int i = 0; i < 3; i++) {
		v = 42;
		CHECKEQ(recv(c, &v), -1);
		CHECKEQ(nbrecv(c, &v), -1);
		CHECKEQ(v, 42);
	}
	CHECKEQ(chanclosing(c), 0);
	CHECKEQ(chanclose(c), -1);
	chanfree(c);

	// The pointer forms return nil.
	p = chancreate(sizeof(void*), 2);
	CHECKEQ(sendp(p, &v), 1);
	CHECKEQ(chanclose(p), 0);
	CHECKEQ(sendp(p, &v), -1);
	CHECKEQ(nbsendp(p, &v), -1);
	CHECK(recvp(p) == (void*)&v);
	CHECK(recvp(p) == NULL);
	CHECK(nbrecvp(p) == NULL);
	chanfree(p);

	// The ulong forms return 0.
	u = chancreate(sizeof(ulong), 2);
	CHECKEQ(sendul(u, 77), 1);
	CHECKEQ(chanclose(u), 0);
	CHECKEQ(sendul(u, 78), -1);
	CHECKEQ(nbsendul(u, 78), -1);
	CHECKEQ(nbrecvul(u), 77);
	CHECKEQ(recvul(u), 0);
	CHECKEQ(nbrecvul(u), 0);
	chanfree(u);

	// An unbuffered channel: closing leaves nothing to receive.
	z = chancreate(sizeof(int), 0);
	CHECKEQ(chanclosing(z), -1);
	CHECKEQ(chanclose(z), 0);
	CHECKEQ(chanclosing(z), 0);
	CHECKEQ(send(z, &v), -1);
	CHECKEQ(recv(z, &v), -1);
	CHECKEQ(nbsend(z, &v), -1);
	CHECKEQ(nbrecv(z, &v), -1);
	chanfree(z);
	threadexits(NULL);
}
