/*
 * interface_crypto.c: the running-config filtered to interfaces, their
 * addresses and crypto maps:
 *
 *	interface GigabitEthernet0/1
 *	 ip address 192.0.2.1 255.255.255.0
 *	 crypto map CM
 *
 * On the ASA the map is bound globally to a nameif:
 *
 *	interface GigabitEthernet0/0
 *	 nameif outside
 *	 ip address 192.0.2.1 255.255.255.0 standby 192.0.2.2
 *	crypto map CM interface outside
 *
 * The filter drops the lines that would tell where an interface block
 * ends, and pastes lose indentation, so an interface's lines are those
 * between its "interface" line and the next "interface" line or global
 * "crypto map NAME SEQ ..." line, whatever their indentation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interface_crypto.h"
#include "text.h"
#include "util.h"

struct ifc_binding {
	char	 map[IFC_NAME_MAX];
	char	 nameif[IFC_NAME_MAX];
};

struct ifc_parser {
	struct interface_crypto_records	*recs;
	struct ifc_interface		*cur;	/* NULL: outside a block */
	struct ifc_binding		*bindings;
	size_t				 nbindings;
};

/*
 * Arrays double when their count reaches 0 or a power of two: linear time
 * whatever the output's size, with no capacity field to keep.
 */
static int
grow_now(size_t n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

static size_t
grow_to(size_t n)
{
	return n == 0 ? 4 : n * 2;
}

static struct ifc_interface *
interface_add(struct interface_crypto_records *r)
{
	struct ifc_interface	*i;

	if (grow_now(r->ninterfaces))
		r->interfaces = xreallocarray(r->interfaces,
		    grow_to(r->ninterfaces), sizeof(*r->interfaces));
	i = &r->interfaces[r->ninterfaces++];
	memset(i, 0, sizeof(*i));
	return i;
}

/* Contiguous dotted mask to a prefix length; -1 otherwise. */
static int
mask_len(const char *mask)
{
	unsigned int	 a, b, c, d, n = 0;
	uint32_t	 m;

	if (sscanf(mask, "%u.%u.%u.%u", &a, &b, &c, &d) != 4 ||
	    a > 255 || b > 255 || c > 255 || d > 255)
		return -1;
	m = (uint32_t)a << 24 | (uint32_t)b << 16 | (uint32_t)c << 8 | d;
	while (n < 32 && (m & (UINT32_C(1) << (31 - n))) != 0)
		n++;
	if (n < 32 && (m << n) != 0)
		return -1;
	return (int)n;
}

static struct ifc_address *
address_add(struct ifc_interface *ifc)
{
	struct ifc_address	*a;

	if (grow_now(ifc->naddresses))
		ifc->addresses = xreallocarray(ifc->addresses,
		    grow_to(ifc->naddresses), sizeof(*ifc->addresses));
	a = &ifc->addresses[ifc->naddresses++];
	memset(a, 0, sizeof(*a));
	a->prefix_len = -1;
	return a;
}

/*
 * "ip address A MASK [secondary]", "ip address A MASK standby S",
 * "ip address dhcp [setroute]", "ip address negotiated", "no ip address".
 * Tokens from i (after "ip address").
 */
static int
ipv4_address(struct ifc_interface *ifc, const struct toks *tk, size_t i)
{
	struct ifc_address	*a;
	char			 addr[IFC_ADDR_MAX], mask[IFC_ADDR_MAX];

	if (i >= tk->n)
		return 0;
	if (tok_is(&tk->t[i], "dhcp") || tok_is(&tk->t[i], "negotiated") ||
	    tok_is(&tk->t[i], "pppoe")) {
		tok_copy(&tk->t[i], ifc->address_method,
		    sizeof(ifc->address_method));
		return 1;
	}
	if (i + 1 >= tk->n || !tok_ip(&tk->t[i], addr, sizeof(addr)) ||
	    !tok_ip(&tk->t[i + 1], mask, sizeof(mask)) ||
	    strchr(addr, ':') != NULL)
		return 0;
	a = address_add(ifc);
	snprintf(a->addr, sizeof(a->addr), "%s", addr);
	snprintf(a->mask, sizeof(a->mask), "%s", mask);
	a->prefix_len = mask_len(mask);
	for (i += 2; i < tk->n; i++) {
		if (tok_is(&tk->t[i], "secondary"))
			a->secondary = 1;
		else if (tok_is(&tk->t[i], "standby") && i + 1 < tk->n &&
		    tok_ip(&tk->t[i + 1], a->standby, sizeof(a->standby)))
			i++;
	}
	snprintf(ifc->address_method, sizeof(ifc->address_method), "static");
	return 1;
}

/* "ipv6 address 2001:DB8::1/64 [eui-64]", "... FE80::1 link-local". */
static int
ipv6_address(struct ifc_interface *ifc, const struct toks *tk, size_t i)
{
	struct ifc_address	*a;
	struct tok		 t;
	const char		*slash;
	char			 addr[IFC_ADDR_MAX];
	uint64_t		 len = 0;
	int			 has_len = 0;

	if (i >= tk->n)
		return 0;
	if (tok_is(&tk->t[i], "autoconfig") || tok_is(&tk->t[i], "dhcp") ||
	    tok_is(&tk->t[i], "enable"))
		return 1;
	t = tk->t[i];
	if ((slash = memchr(t.s, '/', t.len)) != NULL) {
		struct tok l = { slash + 1, (size_t)(t.s + t.len - slash - 1) };
		if (!tok_u64(&l, &len) || len > 128)
			return 0;
		has_len = 1;
		t.len = (size_t)(slash - t.s);
	}
	if (!tok_ip(&t, addr, sizeof(addr)) || strchr(addr, ':') == NULL)
		return 0;
	a = address_add(ifc);
	snprintf(a->addr, sizeof(a->addr), "%s", addr);
	a->prefix_len = has_len ? (int)len : -1;
	for (i++; i < tk->n; i++)
		if (tok_is(&tk->t[i], "link-local"))
			a->link_local = 1;
		else if (tok_is(&tk->t[i], "standby") && i + 1 < tk->n &&
		    tok_ip(&tk->t[i + 1], a->standby, sizeof(a->standby)))
			i++;
	return 1;
}

/*
 * "crypto map CM" (interface) or "crypto map CM redundancy X stateful";
 * global: "crypto map CM 10 ...", "crypto map CM interface outside" (ASA),
 * "crypto map CM local-address Gi0/0" ...
 */
static int
crypto_map_line(struct ifc_parser *p, const struct toks *tk, size_t i,
    int ipv6)
{
	struct ifc_binding	*b;

	if (i + 2 >= tk->n)
		return 0;
	if (i + 3 == tk->n || tok_is(&tk->t[i + 3], "redundancy")) {
		if (p->cur == NULL)
			return 0;
		if (ipv6)
			tok_copy(&tk->t[i + 2], p->cur->ipv6_crypto_map,
			    sizeof(p->cur->ipv6_crypto_map));
		else
			tok_copy(&tk->t[i + 2], p->cur->crypto_map,
			    sizeof(p->cur->crypto_map));
		return 1;
	}
	/* A global line: no interface block continues past it. */
	p->cur = NULL;
	if (tok_is(&tk->t[i + 3], "interface")) {
		if (i + 4 >= tk->n)
			return 0;
		if (grow_now(p->nbindings))
			p->bindings = xreallocarray(p->bindings,
			    grow_to(p->nbindings), sizeof(*p->bindings));
		b = &p->bindings[p->nbindings++];
		tok_copy(&tk->t[i + 2], b->map, sizeof(b->map));
		tok_copy(&tk->t[i + 4], b->nameif, sizeof(b->nameif));
	}
	return 1;
}

static int
parse_line(struct ifc_parser *p, const struct line *l)
{
	struct toks	 tk;
	size_t		 n = toks_line(&tk, l);

	if (n >= 2 && tok_is(&tk.t[0], "interface")) {
		p->cur = interface_add(p->recs);
		tok_copy(&tk.t[1], p->cur->name, sizeof(p->cur->name));
		return 1;
	}
	if (n >= 2 && tok_is(&tk.t[0], "crypto") && tok_is(&tk.t[1], "map"))
		return crypto_map_line(p, &tk, 0, 0);
	if (n >= 3 && tok_is(&tk.t[0], "no") && tok_is(&tk.t[1], "crypto") &&
	    tok_is(&tk.t[2], "map"))
		return 1;	/* a negated default (show run all) */
	if (n >= 2 && tok_is(&tk.t[0], "description"))
		return 1;	/* the filter matched its text */
	if (n >= 2 && tok_is(&tk.t[1], "address-pool"))
		return 1;
	if (n >= 4 && tok_is(&tk.t[0], "peer") && tok_is(&tk.t[1], "default"))
		return 1;	/* "peer default ip address pool X" */
	if (p->cur == NULL)
		return 0;
	if (n >= 3 && tok_is(&tk.t[0], "ipv6") && tok_is(&tk.t[1], "crypto") &&
	    tok_is(&tk.t[2], "map"))
		return crypto_map_line(p, &tk, 1, 1);
	if (n >= 2 && tok_is(&tk.t[0], "ip") && tok_is(&tk.t[1], "address"))
		return ipv4_address(p->cur, &tk, 2);
	if (n >= 2 && tok_is(&tk.t[0], "ipv6") && tok_is(&tk.t[1], "address"))
		return ipv6_address(p->cur, &tk, 2);
	if (n == 3 && tok_is(&tk.t[0], "no") && tok_is(&tk.t[1], "ip") &&
	    tok_is(&tk.t[2], "address")) {
		snprintf(p->cur->address_method,
		    sizeof(p->cur->address_method), "none");
		return 1;
	}
	if (n == 2 && tok_is(&tk.t[0], "nameif")) {
		tok_copy(&tk.t[1], p->cur->nameif, sizeof(p->cur->nameif));
		return 1;
	}
	if (n == 2 && tok_is(&tk.t[0], "no") && tok_is(&tk.t[1], "nameif"))
		return 1;
	return 0;
}

/* A copy of the name: interface_add() may move the array it came from. */
struct nameif_idx {
	char		 nameif[IFC_NAME_MAX];
	size_t		 i;
};

static int
nameif_cmp(const void *a, const void *b)
{
	const struct nameif_idx	*x = a, *y = b;
	int			 c = strcmp(x->nameif, y->nameif);

	if (c != 0)
		return c;
	return (x->i > y->i) - (x->i < y->i);
}

static int
nameif_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct nameif_idx *)elem)->nameif);
}

/* The first interface (in output order) with that nameif, or -1. */
static long
nameif_find(const struct nameif_idx *idx, size_t n, const char *nameif)
{
	const struct nameif_idx	*hit;

	hit = bsearch(nameif, idx, n, sizeof(*idx), nameif_key);
	if (hit == NULL)
		return -1;
	while (hit > idx && strcmp(hit[-1].nameif, nameif) == 0)
		hit--;
	return (long)hit->i;
}

/*
 * ASA: "crypto map CM interface outside" names the interface by nameif.
 * A sorted index keeps this linear-logarithmic: an output with thousands
 * of bindings must not take quadratic time.
 */
static void
apply_bindings(struct ifc_parser *p)
{
	struct interface_crypto_records	*r = p->recs;
	struct nameif_idx		*idx;
	struct ifc_interface		*ifc;
	size_t				 k, i, n = 0;
	long				 at;

	idx = xcalloc(r->ninterfaces ? r->ninterfaces : 1, sizeof(*idx));
	for (i = 0; i < r->ninterfaces; i++)
		if (r->interfaces[i].nameif[0] != '\0') {
			memcpy(idx[n].nameif, r->interfaces[i].nameif,
			    sizeof(idx[n].nameif));
			idx[n++].i = i;
		}
	qsort(idx, n, sizeof(*idx), nameif_cmp);
	for (k = 0; k < p->nbindings; k++) {
		at = nameif_find(idx, n, p->bindings[k].nameif);
		if (at >= 0)
			ifc = &r->interfaces[at];
		else {
			/* The interface block was not in the output. */
			ifc = interface_add(r);
			snprintf(ifc->nameif, sizeof(ifc->nameif), "%s",
			    p->bindings[k].nameif);
		}
		snprintf(ifc->crypto_map, sizeof(ifc->crypto_map), "%s",
		    p->bindings[k].map);
	}
	free(idx);
}

static int
interface_crypto_parse(const struct probe_input *in, struct probe_result *res)
{
	struct interface_crypto_records	*r = xcalloc(1, sizeof(*r));
	struct ifc_parser		 p;
	struct line_iter		 it;
	struct line			 l;

	memset(&p, 0, sizeof(p));
	p.recs = r;
	res->records = r;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_noise(&l))
			continue;
		if (parse_line(&p, &l))
			res->recognised++;
		else
			res->unparsed++;
	}
	apply_bindings(&p);
	free(p.bindings);
	return 0;
}

static cJSON *
address_json(const struct ifc_address *a)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "addr", a->addr);
	probe_json_str(o, "mask", a->mask);
	if (a->prefix_len >= 0)
		cJSON_AddNumberToObject(o, "prefix_len", a->prefix_len);
	else
		cJSON_AddNullToObject(o, "prefix_len");
	cJSON_AddBoolToObject(o, "secondary", a->secondary);
	cJSON_AddBoolToObject(o, "link_local", a->link_local);
	probe_json_str(o, "standby", a->standby);
	return o;
}

static cJSON *
interface_json(const struct ifc_interface *ifc)
{
	cJSON	*o = cJSON_CreateObject(), *a;
	size_t	 i;

	probe_json_str(o, "interface", ifc->name);
	probe_json_str(o, "nameif", ifc->nameif);
	a = cJSON_AddArrayToObject(o, "addresses");
	for (i = 0; i < ifc->naddresses; i++)
		cJSON_AddItemToArray(a, address_json(&ifc->addresses[i]));
	probe_json_str(o, "address_method", ifc->address_method);
	probe_json_str(o, "crypto_map", ifc->crypto_map);
	probe_json_str(o, "ipv6_crypto_map", ifc->ipv6_crypto_map);
	return o;
}

static void
interface_crypto_to_json(const void *records, cJSON *obj)
{
	const struct interface_crypto_records	*r = records;
	cJSON	*a = cJSON_AddArrayToObject(obj, "interfaces");
	size_t	 i;

	for (i = 0; i < r->ninterfaces; i++)
		cJSON_AddItemToArray(a, interface_json(&r->interfaces[i]));
}

static void
interface_crypto_free(void *records)
{
	struct interface_crypto_records	*r = records;
	size_t				 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ninterfaces; i++)
		free(r->interfaces[i].addresses);
	free(r->interfaces);
	free(r);
}

const struct probe probe_interface_crypto = {
	.name = "interface_crypto",
	.command = "show running-config | include ^interface|crypto map|ip address",
	.command_asa = "show running-config | include "
	    "^interface|crypto map|ip address|nameif",
	.polled = 0,
	.parse = interface_crypto_parse,
	.to_json = interface_crypto_to_json,
	.free_records = interface_crypto_free,
};
