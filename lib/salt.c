/*
 * salt.c: the per-install salt for key fingerprints.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "salt.h"

static int
salt_read(const char *path, unsigned char salt[SALT_LEN], char *err,
    size_t errlen)
{
	struct stat	 st;
	int		 fd;
	ssize_t		 n;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "salt file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 077) != 0) {
		snprintf(err, errlen, "salt file %s must be a regular file "
		    "readable by its owner only (chmod 600)", path);
		close(fd);
		return -1;
	}
	n = read(fd, salt, SALT_LEN);
	close(fd);
	if (n != SALT_LEN) {
		snprintf(err, errlen, "salt file %s: expected %d bytes", path,
		    SALT_LEN);
		return -1;
	}
	return 0;
}

static int
salt_random(unsigned char salt[SALT_LEN], char *err, size_t errlen)
{
	if (getrandom(salt, SALT_LEN, 0) != SALT_LEN) {
		snprintf(err, errlen, "getrandom: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int
salt_load_or_create(const char *path, unsigned char salt[SALT_LEN], char *err,
    size_t errlen)
{
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return salt_read(path, salt, err, errlen);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create salt file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (salt_random(salt, err, errlen) != 0 ||
	    write(fd, salt, SALT_LEN) != SALT_LEN || fsync(fd) != 0) {
		if (err[0] == '\0')
			snprintf(err, errlen, "cannot write %s", path);
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

int
salt_load_or_ephemeral(const char *path, unsigned char salt[SALT_LEN],
    char *err, size_t errlen)
{
	if (path != NULL)
		return salt_read(path, salt, err, errlen);
	return salt_random(salt, err, errlen);
}
