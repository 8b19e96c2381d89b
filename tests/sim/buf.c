/*
 * buf.c: a byte queue for session input and output.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "iossim.h"

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	/* Slide the unread part down before growing: queues are short. */
	if (b->off > 0 && b->off == b->len)
		b->off = b->len = 0;
	if (b->len + n > b->cap) {
		if (b->off > 0) {
			memmove(b->d, b->d + b->off, b->len - b->off);
			b->len -= b->off;
			b->off = 0;
		}
		if (b->len + n > b->cap) {
			size_t	 cap = b->cap ? b->cap : 256;

			while (cap < b->len + n)
				cap *= 2;
			b->d = xreallocarray(b->d, cap, 1);
			b->cap = cap;
		}
	}
	memcpy(b->d + b->len, p, n);
	b->len += n;
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_reset(struct buf *b)
{
	b->len = b->off = 0;
}

void
buf_free(struct buf *b)
{
	free(b->d);
	memset(b, 0, sizeof(*b));
}

size_t
buf_avail(const struct buf *b)
{
	return b->len - b->off;
}

const char *
buf_ptr(const struct buf *b)
{
	return b->d + b->off;
}

void
buf_consume(struct buf *b, size_t n)
{
	b->off += n;
	if (b->off >= b->len)
		b->off = b->len = 0;
}
