/*
 * check_redact.c: redact_text() masks every secret a Cisco router prints
 * and leaves every other byte alone.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "util.h"

static const struct {
	const char	*in;
	const char	*out;	/* NULL: the line must come out unchanged */
} lines[] = {
	/* IOS IKEv1 keys: the peer stays, the type goes with the key. */
	{ "crypto isakmp key 0 Secr3t address 10.1.1.1",
	  "crypto isakmp key <redacted> address 10.1.1.1" },
	{ "crypto isakmp key Secr3t hostname vpn.example.net",
	  "crypto isakmp key <redacted> hostname vpn.example.net" },
	{ "crypto isakmp key 6 Secr3t address 10.0.0.0 255.0.0.0 no-xauth",
	  "crypto isakmp key <redacted> address 10.0.0.0 255.0.0.0 no-xauth" },
	{ "crypto isakmp key Secr3t address ipv6 2001:db8::1/128",
	  "crypto isakmp key <redacted> address ipv6 2001:db8::1/128" },
	{ "CRYPTO ISAKMP KEY Secr3t ADDRESS 10.1.1.1",
	  "CRYPTO ISAKMP KEY <redacted> ADDRESS 10.1.1.1" },
	/* IOS keyrings, IKEv2 keyrings and profiles. */
	{ " pre-shared-key address 10.1.1.1 key Secr3t",
	  " pre-shared-key address 10.1.1.1 key <redacted>" },
	{ "  pre-shared-key local 6 Secr3t",
	  "  pre-shared-key local 6 <redacted>" },
	{ "  pre-shared-key remote Secr3t",
	  "  pre-shared-key remote <redacted>" },
	{ "  pre-shared-key Secr3t",
	  "  pre-shared-key <redacted>" },
	{ " authentication remote pre-share key Secr3t",
	  " authentication remote pre-share key <redacted>" },
	/* ASA tunnel groups. */
	{ " ikev1 pre-shared-key Secr3t",
	  " ikev1 pre-shared-key <redacted>" },
	{ " ikev2 remote-authentication pre-shared-key Secr3t",
	  " ikev2 remote-authentication pre-shared-key <redacted>" },
	{ " ikev2 local-authentication pre-shared-key 0 Secr3t",
	  " ikev2 local-authentication pre-shared-key 0 <redacted>" },
	{ "username admin password Secr3t encrypted privilege 15",
	  "username admin password <redacted>" },
	{ "passwd 2KFQnbNIdI.2KYOU encrypted",
	  "passwd <redacted>" },
	/* Local users and enable. */
	{ "username bob password 7 0822455D0A16",
	  "username bob password 7 <redacted>" },
	{ "username bob privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0",
	  "username bob privilege 15 secret 9 <redacted>" },
	{ "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0",
	  "enable secret 5 <redacted>" },
	{ "enable secret level 15 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0",
	  "enable secret level 15 5 <redacted>" },
	{ "enable password Secr3t",
	  "enable password <redacted>" },
	{ "\tenable password Secr3t   ",
	  "\tenable password <redacted>   " },
	/* SNMP. */
	{ "snmp-server community public RO",
	  "snmp-server community <redacted> RO" },
	{ "snmp-server community s3cret RW 10",
	  "snmp-server community <redacted> RW 10" },
	{ "snmp-server host 10.9.9.9 version 2c s3cret",
	  "snmp-server host 10.9.9.9 version 2c <redacted>" },
	{ "snmp-server host 10.9.9.9 informs s3cret udp-port 1162",
	  "snmp-server host 10.9.9.9 informs <redacted> udp-port 1162" },
	{ "snmp-server host 10.9.9.9 vrf MGMT traps version 2c s3cret",
	  "snmp-server host 10.9.9.9 vrf MGMT traps version 2c <redacted>" },
	{ "snmp-server host inside 10.9.9.9 community s3cret version 2c",
	  "snmp-server host inside 10.9.9.9 community <redacted> version 2c" },
	{ "snmp-server user nms NMS v3 auth sha AuthPw1 priv aes 128 PrivPw2",
	  "snmp-server user nms NMS v3 auth sha <redacted> priv aes 128 "
	  "<redacted>" },
	/* AAA servers. */
	{ "tacacs-server key 7 0822455D0A16",
	  "tacacs-server key 7 <redacted>" },
	{ " key 7 0822455D0A16",
	  " key 7 <redacted>" },
	{ "radius-server key Secr3t",
	  "radius-server key <redacted>" },
	{ "radius-server host 10.2.2.2 auth-port 1645 acct-port 1646 key Secr3t",
	  "radius-server host 10.2.2.2 auth-port 1645 acct-port 1646 key "
	  "<redacted>" },
	{ " client 10.3.3.3 server-key Secr3t",
	  " client 10.3.3.3 server-key <redacted>" },
	/* Lines, PPP, routing protocols, key chains, wireless, FHRP. */
	{ " password 7 0822455D0A16",
	  " password 7 <redacted>" },
	{ " ppp chap password 0 Secr3t",
	  " ppp chap password 0 <redacted>" },
	{ " ip ospf authentication-key Secr3t",
	  " ip ospf authentication-key <redacted>" },
	{ " ip ospf message-digest-key 1 md5 Secr3t",
	  " ip ospf message-digest-key 1 md5 <redacted>" },
	{ "ntp authentication-key 1 md5 Secr3t 7",
	  "ntp authentication-key 1 md5 <redacted>" },
	{ " neighbor 192.0.2.1 password Secr3t",
	  " neighbor 192.0.2.1 password <redacted>" },
	{ "  key-string 7 0822455D0A16",
	  "  key-string 7 <redacted>" },
	{ " wpa-psk ascii 0 Secr3t",
	  " wpa-psk ascii 0 <redacted>" },
	{ " vrrp 1 authentication text Secr3t",
	  " vrrp 1 authentication text <redacted>" },
	{ " set session-key inbound esp 256 cipher 1234abcd authenticator 5678",
	  " set session-key <redacted>" },
	/* Fallback: any key/password/secret keyword, with or without ':'. */
	{ "Pre-shared key: Secr3t",
	  "Pre-shared key: <redacted>" },
	{ "  key 1 -- text \"Secr3t\"",
	  "  key <redacted>" },
	/* No secret: byte-identical. */
	{ "crypto isakmp keepalive 10 3 periodic", NULL },
	{ "crypto isakmp policy 10", NULL },
	{ " authentication pre-share", NULL },
	{ "crypto map CM 10 ipsec-isakmp", NULL },
	{ " set pfs group14", NULL },
	{ " set peer 10.1.1.1", NULL },
	{ "crypto isakmp key-id", NULL },
	{ "crypto keyring KR", NULL },
	{ "crypto key generate rsa modulus 2048", NULL },
	{ "    sa timing: remaining key lifetime (k/sec): (4607999/3540)", NULL },
	{ "service password-encryption", NULL },
	{ "password encryption aes", NULL },
	{ "enable secret", NULL },
	{ "Password:", NULL },
	{ "snmp-server host 10.9.9.9 version 3 priv nmsuser", NULL },
	{ "snmp-server group NMS v3 priv", NULL },
	{ "snmp-server host inside 10.9.9.9 poll", NULL },
	{ " set community 65000:100", NULL },
	{ "Keyring      Hostname/Address       Preshared Key", NULL },
	{ "interface Tunnel0", NULL },
	{ "", NULL },
};

START_TEST(test_line)
{
	const char	*in = lines[_i].in;
	const char	*want = lines[_i].out != NULL ? lines[_i].out : in;
	char		*got;
	size_t		 len, nmasked;

	got = redact_text(in, strlen(in), &len, &nmasked);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_uint_eq(nmasked, lines[_i].out != NULL ? 1 : 0);
	if (lines[_i].out != NULL)
		ck_assert_ptr_null(strstr(got, "Secr3t"));
	free(got);
}
END_TEST

/* The same lines as one text with "\r\n": the \r survives, the secrets do not. */
START_TEST(test_all_crlf)
{
	char	*in = NULL, *want = NULL, *got, *p;
	size_t	 i, len, nmasked, n = 0;

	in = xstrdup("");
	want = xstrdup("");
	for (i = 0; i < NITEMS(lines); i++) {
		xasprintf(&p, "%s%s\r\n", in, lines[i].in);
		free(in);
		in = p;
		xasprintf(&p, "%s%s\r\n", want, lines[i].out != NULL ?
		    lines[i].out : lines[i].in);
		free(want);
		want = p;
		n += lines[i].out != NULL;
	}
	got = redact_text(in, strlen(in), &len, &nmasked);
	/* Check cannot carry a message this long: report where they differ. */
	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++)
		;
	ck_assert_msg(got[i] == want[i], "differ at %zu: \"%.40s\" vs \"%.40s\"",
	    i, got + i, want + i);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_uint_eq(nmasked, n);
	ck_assert_ptr_null(strstr(got, "Secr3t"));
	ck_assert_ptr_null(strstr(got, "0822455D0A16"));
	ck_assert_ptr_null(strstr(got, "s3cret"));
	free(in);
	free(want);
	free(got);
}
END_TEST

/* A running-config: no secret substring may survive anywhere. */
START_TEST(test_running_config)
{
	static const char cfg[] =
	    "hostname R1\n"
	    "enable secret 5 $1$SECRETa1$x\n"
	    "username noc privilege 15 secret 9 SECRETb2\n"
	    "crypto keyring KR\n"
	    "  pre-shared-key address 192.0.2.1 key SECRETc3\n"
	    "crypto isakmp policy 10\n"
	    " encr aes 256\n"
	    " authentication pre-share\n"
	    "crypto isakmp key 6 SECRETd4 address 198.51.100.1\n"
	    "crypto isakmp keepalive 10 3 periodic\n"
	    "crypto ikev2 keyring KR2\n"
	    " peer SPOKE\n"
	    "  address 203.0.113.9\n"
	    "  pre-shared-key local SECRETe5\n"
	    "  pre-shared-key remote SECRETf6\n"
	    "tacacs server TAC\n"
	    " address ipv4 10.0.0.5\n"
	    " key 7 SECRETg7\n"
	    "snmp-server community SECRETh8 RO 99\n"
	    "line vty 0 4\n"
	    " password 7 SECRETi9\n"
	    " transport input ssh\n"
	    "end";
	static const char *const secrets[] = {
		"SECRETa1", "SECRETb2", "SECRETc3", "SECRETd4", "SECRETe5",
		"SECRETf6", "SECRETg7", "SECRETh8", "SECRETi9"
	};
	char	*got;
	size_t	 i, len, nmasked, nl_in = 0, nl_out = 0;

	got = redact_text(cfg, strlen(cfg), &len, &nmasked);
	ck_assert_uint_eq(len, strlen(got));
	for (i = 0; i < NITEMS(secrets); i++)
		ck_assert_msg(strstr(got, secrets[i]) == NULL,
		    "%s survived", secrets[i]);
	ck_assert_uint_eq(nmasked, NITEMS(secrets));
	for (i = 0; cfg[i] != '\0'; i++)
		nl_in += cfg[i] == '\n';
	for (i = 0; got[i] != '\0'; i++)
		nl_out += got[i] == '\n';
	ck_assert_uint_eq(nl_out, nl_in);
	ck_assert_ptr_nonnull(strstr(got, "address 198.51.100.1\n"));
	ck_assert_ptr_nonnull(strstr(got,
	    "\ncrypto isakmp keepalive 10 3 periodic\n"));
	ck_assert_ptr_nonnull(strstr(got, "\nend"));
	ck_assert_int_eq(got[len - 1], 'd');	/* no newline added */
	free(got);
}
END_TEST

/* "show crypto isakmp key": the key column under the header is masked. */
START_TEST(test_keytable)
{
	static const char in[] =
	    "R1#show crypto isakmp key\r\n"
	    "Keyring      Hostname/Address              Preshared Key\r\n"
	    "\r\n"
	    "default      10.1.1.1                      Secr3tA\r\n"
	    "KR           10.2.0.0 [255.255.0.0]        Secr3tB\r\n"
	    "KR           vpn.example.net               Secr3t C\r\n"
	    "R1#show version\r\n"
	    "default 10.1.1.1 ordinary\r\n";
	static const char want[] =
	    "R1#show crypto isakmp key\r\n"
	    "Keyring      Hostname/Address              Preshared Key\r\n"
	    "\r\n"
	    "default      10.1.1.1                      <redacted>\r\n"
	    "KR           10.2.0.0 [255.255.0.0]        <redacted>\r\n"
	    "KR           vpn.example.net               <redacted>\r\n"
	    "R1#show version\r\n"
	    "default 10.1.1.1 ordinary\r\n";
	char	*got;
	size_t	 len, nmasked;

	got = redact_text(in, strlen(in), &len, &nmasked);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(nmasked, 3);
	free(got);
}
END_TEST

/* Secret-free output with \r\n passes through byte for byte. */
START_TEST(test_passthrough_crlf)
{
	static const char in[] =
	    "IPv4 Crypto ISAKMP SA\r\n"
	    "dst             src             state          conn-id status\r\n"
	    "192.0.2.1       198.51.100.1    QM_IDLE           1001 ACTIVE\r\n"
	    "\r\n"
	    "   local  ident (addr/mask/prot/port): (10.0.0.0/255.0.0.0/0/0)\r\n"
	    "     sa timing: remaining key lifetime (k/sec): (4607999/3540)\r\n"
	    "\t\t  trailing blanks   \r\n"
	    "\r\n";
	char	*got;
	size_t	 len, nmasked;

	got = redact_text(in, sizeof(in) - 1, &len, &nmasked);
	ck_assert_uint_eq(len, sizeof(in) - 1);
	ck_assert_mem_eq(got, in, sizeof(in));	/* NUL included */
	ck_assert_uint_eq(nmasked, 0);
	free(got);
}
END_TEST

START_TEST(test_empty)
{
	char	*got;
	size_t	 len = 99, nmasked = 99;

	got = redact_text(NULL, 0, &len, &nmasked);
	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(len, 0);
	ck_assert_uint_eq(nmasked, 0);
	free(got);
	/* outlen and nmasked are optional */
	got = redact_text("\n\n", 2, NULL, NULL);
	ck_assert_str_eq(got, "\n\n");
	free(got);
}
END_TEST

/* Only len bytes are read: a secret past len is not the input's. */
START_TEST(test_len_bound)
{
	static const char in[] = "enable password Secr3t\nenable password X";
	char	*got;
	size_t	 len, nmasked;

	got = redact_text(in, 23, &len, &nmasked);
	ck_assert_str_eq(got, "enable password <redacted>\n");
	ck_assert_uint_eq(len, 27);
	ck_assert_uint_eq(nmasked, 1);
	free(got);
}
END_TEST

/* A long line with many tokens grows the buffers. */
START_TEST(test_long_line)
{
	char	*in, *got;
	size_t	 i, len, nmasked, n = 5000;

	in = xmalloc(n * 2 + 64);
	strcpy(in, "x");
	for (i = 1; i < n; i++)
		strcpy(in + 2 * i - 1, " x");
	strcat(in, " password Secr3t tail");
	got = redact_text(in, strlen(in), &len, &nmasked);
	ck_assert_uint_eq(nmasked, 1);
	ck_assert_ptr_null(strstr(got, "Secr3t"));
	ck_assert_ptr_null(strstr(got, "tail"));
	ck_assert_uint_eq(len, strlen(in) - strlen("Secr3t tail") +
	    strlen("<redacted>"));
	ck_assert_mem_eq(got, in, len - strlen("<redacted>"));
	free(in);
	free(got);
}
END_TEST

static Suite *
redact_suite(void)
{
	Suite	*s = suite_create("redact");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_line, 0, (int)NITEMS(lines));
	tcase_add_test(tc, test_all_crlf);
	tcase_add_test(tc, test_running_config);
	tcase_add_test(tc, test_keytable);
	tcase_add_test(tc, test_passthrough_crlf);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_len_bound);
	tcase_add_test(tc, test_long_line);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(redact_suite());
	int	 nfailed;

	srunner_run_all(sr, CK_NORMAL);
	nfailed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfailed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
