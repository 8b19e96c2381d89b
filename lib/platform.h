/*
 * platform.h: the router families ipsecwatch knows.
 */
#ifndef IPSECWATCH_PLATFORM_H
#define IPSECWATCH_PLATFORM_H

enum platform {
	PLATFORM_AUTO = 0,	/* not known yet: learnt from show version */
	PLATFORM_IOS,		/* IOS 12.x, 15.x */
	PLATFORM_IOSXE,		/* IOS-XE 16, 17 */
	PLATFORM_ASA		/* ASA 8.4+, 9.x */
};

#endif
