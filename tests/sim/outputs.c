/*
 * outputs.c: built-in command outputs, so a lab router needs no texts.
 *
 * The default router has one site-to-site tunnel: local 192.0.2.1 on
 * GigabitEthernet0/0 (ASA: "outside"), peer 198.51.100.2, protecting
 * 10.1.0.0/24 <-> 10.2.0.0/24 with crypto map VPNMAP 10. Its IKEv1 SA is
 * QM_IDLE (ASA: MM_ACTIVE) and its packet counters grow with time. The
 * layouts follow real captures (see /work/shared/research/formats.md).
 */
#include <stddef.h>

#include "util.h"
#include "iossim.h"

static const char ios_version[] =
"Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M8, RELEASE SOFTWARE (fc1)\n"
"Technical Support: http://www.cisco.com/techsupport\n"
"Copyright (c) 1986-2021 by Cisco Systems, Inc.\n"
"Compiled Thu 28-Jan-21 04:29 by prod_rel_team\n"
"\n"
"\n"
"ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)\n"
"\n"
"{{hostname}} uptime is {{uptime}}\n"
"System returned to ROM by power-on\n"
"System image file is \"flash0:c2900-universalk9-mz.SPA.157-3.M8.bin\"\n"
"Last reload type: Normal Reload\n"
"Last reload reason: power-on\n"
"\n"
"Cisco CISCO2911/K9 (revision 1.0) with 479232K/45056K bytes of memory.\n"
"Processor board ID FTX1840ALBM\n"
"3 Gigabit Ethernet interfaces\n"
"1 terminal line\n"
"1 Virtual Private Network (VPN) Module\n"
"DRAM configuration is 64 bits wide with parity enabled.\n"
"255K bytes of non-volatile configuration memory.\n"
"250880K bytes of ATA System CompactFlash 0 (Read/Write)\n"
"\n"
"\n"
"License Info:\n"
"\n"
"License UDI:\n"
"\n"
"-------------------------------------------------\n"
"Device#   PID                   SN              \n"
"-------------------------------------------------\n"
"*0        CISCO2911/K9          FTX1840ALBM     \n"
"\n"
"\n"
"Technology Package License Information for Module:'c2900' \n"
"\n"
"-----------------------------------------------------------------\n"
"Technology    Technology-package           Technology-package\n"
"              Current       Type           Next reboot  \n"
"------------------------------------------------------------------\n"
"ipbase        ipbasek9      Permanent      ipbasek9\n"
"security      securityk9    Permanent      securityk9\n"
"uc            None          None           None\n"
"data          None          None           None\n"
"\n"
"Configuration register is 0x2102\n"
"\n";

static const char iosxe_version[] =
"Cisco IOS XE Software, Version 17.03.04a\n"
"Cisco IOS Software [Amsterdam], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.3.4a, RELEASE SOFTWARE (fc3)\n"
"Technical Support: http://www.cisco.com/techsupport\n"
"Copyright (c) 1986-2021 by Cisco Systems, Inc.\n"
"Compiled Tue 20-Jul-21 06:24 by mcpre\n"
"\n"
"\n"
"Cisco IOS-XE software, Copyright (c) 2005-2021 by cisco Systems, Inc.\n"
"All rights reserved.  Certain components of Cisco IOS-XE software are\n"
"licensed under the GNU General Public License (\"GPL\") Version 2.0.\n"
"\n"
"ROM: IOS-XE ROMMON\n"
"\n"
"{{hostname}} uptime is {{uptime}}\n"
"Uptime for this control processor is {{uptime}}\n"
"System returned to ROM by reload\n"
"System image file is \"bootflash:packages.conf\"\n"
"Last reload reason: reload\n"
"\n"
"License Level: ax\n"
"License Type: N/A(Smart License Enabled)\n"
"Next reload license Level: ax\n"
"\n"
"Smart Licensing Status: UNREGISTERED/EVAL EXPIRED\n"
"\n"
"cisco CSR1000V (VXE) processor (revision VXE) with 2071900K/3075K bytes of memory.\n"
"Processor board ID 9ZXQ1LBE5GH\n"
"Router operating mode: Autonomous\n"
"3 Gigabit Ethernet interfaces\n"
"32768K bytes of non-volatile configuration memory.\n"
"3978436K bytes of physical memory.\n"
"6188032K bytes of virtual hard disk at bootflash:.\n"
"\n"
"Configuration register is 0x2102\n"
"\n";

static const char ios_isakmp_sa[] =
"IPv4 Crypto ISAKMP SA\n"
"dst             src             state          conn-id status\n"
"198.51.100.2    192.0.2.1       QM_IDLE           1001 ACTIVE\n"
"\n"
"IPv6 Crypto ISAKMP SA\n"
"\n";

static const char ios_isakmp_sa_detail[] =
"Codes: C - IKE configuration mode, D - Dead Peer Detection\n"
"       K - Keepalives, N - NAT-traversal\n"
"       T - cTCP encapsulation, X - IKE Extended Authentication\n"
"       psk - Preshared key, rsig - RSA signature\n"
"       renc - RSA encryption\n"
"IPv4 Crypto ISAKMP SA\n"
"\n"
"C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.\n"
"\n"
"1001  192.0.2.1       198.51.100.2           ACTIVE aes  sha256 psk  14 23:41:07 D   \n"
"       Engine-id:Conn-id =  SW:1\n"
"\n"
"IPv6 Crypto ISAKMP SA\n"
"\n";

#define IOS_SA_COUNTERS \
"    #pkts encaps: {{counter:12}}, #pkts encrypt: {{counter:12}}, #pkts digest: {{counter:12}}\n" \
"    #pkts decaps: {{counter:11}}, #pkts decrypt: {{counter:11}}, #pkts verify: {{counter:11}}\n" \
"    #pkts compressed: 0, #pkts decompressed: 0\n" \
"    #pkts not compressed: 0, #pkts compr. failed: 0\n" \
"    #pkts not decompressed: 0, #pkts decompress failed: 0\n" \
"    #send errors 0, #recv errors 0\n"

#define IOS_ESP_SA(spi, conn) \
"      spi: " spi "\n" \
"        transform: esp-256-aes esp-sha256-hmac ,\n" \
"        in use settings ={Tunnel, }\n" \
"        conn id: " conn ", flow_id: SW:1, sibling_flags 80000040, crypto map: VPNMAP\n" \
"        sa timing: remaining key lifetime (k/sec): (4607999/3247)\n" \
"        IV size: 16 bytes\n" \
"        replay detection support: Y\n" \
"        Status: ACTIVE(ACTIVE)\n"

static const char ios_ipsec_sa[] =
"\n"
"interface: GigabitEthernet0/0\n"
"    Crypto map tag: VPNMAP, local addr 192.0.2.1\n"
"\n"
"   protected vrf: (none)\n"
"   local  ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)\n"
"   remote ident (addr/mask/prot/port): (10.2.0.0/255.255.255.0/0/0)\n"
"   current_peer 198.51.100.2 port 500\n"
"     PERMIT, flags={origin_is_acl,}\n"
IOS_SA_COUNTERS
"\n"
"     local crypto endpt.: 192.0.2.1, remote crypto endpt.: 198.51.100.2\n"
"     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"
"     current outbound spi: 0x8A3C19F2(2319194610)\n"
"     PFS (Y/N): N, DH group: none\n"
"\n"
"     inbound esp sas:\n"
IOS_ESP_SA("0x1B2E4C7D(456019069)", "2001")
"\n"
"     inbound ah sas:\n"
"\n"
"     inbound pcp sas:\n"
"\n"
"     outbound esp sas:\n"
IOS_ESP_SA("0x8A3C19F2(2319194610)", "2002")
"\n"
"     outbound ah sas:\n"
"\n"
"     outbound pcp sas:\n";

static const char ios_crypto_map[] =
"\n"
"Crypto Map IPv4 \"VPNMAP\" 10 ipsec-isakmp\n"
"\tPeer = 198.51.100.2\n"
"\tExtended IP access list VPN-ACL\n"
"\t    access-list VPN-ACL permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255\n"
"\tCurrent peer: 198.51.100.2\n"
"\tSecurity association lifetime: 4608000 kilobytes/3600 seconds\n"
"\tResponder-Only (Y/N): N\n"
"\tPFS (Y/N): N\n"
"\tMixed-mode : Disabled\n"
"\tTransform sets={ \n"
"\t\tTS-AES256:  { esp-256-aes esp-sha256-hmac  } , \n"
"\t}\n"
"\tInterfaces using crypto map VPNMAP:\n"
"\t\tGigabitEthernet0/0\n"
"\n";

static const char ios_isakmp_policy[] =
"\n"
"Global IKE policy\n"
"Protection suite of priority 10\n"
"\tencryption algorithm:\tAES - Advanced Encryption Standard (256 bit keys).\n"
"\thash algorithm:\t\tSecure Hash Standard 2 (256 bit)\n"
"\tauthentication method:\tPre-Shared Key\n"
"\tDiffie-Hellman group:\t#14 (2048 bit)\n"
"\tlifetime:\t\t86400 seconds, no volume limit\n";

static const char ios_transform_set[] =
"Transform set default: { esp-aes esp-sha-hmac  } \n"
"   will negotiate = { Transport,  }, \n"
"   \n"
"\n"
"Transform set TS-AES256: { esp-256-aes esp-sha256-hmac  } \n"
"   will negotiate = { Tunnel,  }, \n"
"\n";

static const char ios_running[] =
"Building configuration...\n"
"\n"
"Current configuration : 2381 bytes\n"
"!\n"
"! Last configuration change at 09:12:44 UTC Mon Mar 4 2024 by admin\n"
"!\n"
"version 15.7\n"
"service timestamps debug datetime msec\n"
"service timestamps log datetime msec\n"
"service password-encryption\n"
"!\n"
"hostname {{hostname}}\n"
"!\n"
"boot-start-marker\n"
"boot-end-marker\n"
"!\n"
"enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
"!\n"
"no aaa new-model\n"
"!\n"
"no ip domain lookup\n"
"ip domain name lab.example\n"
"!\n"
"username mon privilege 1 secret 5 $1$pdQG$o8nrSzsGXeaduXrjlvKc91\n"
"!\n"
"crypto isakmp policy 10\n"
" encr aes 256\n"
" hash sha256\n"
" authentication pre-share\n"
" group 14\n"
"crypto isakmp key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB address 198.51.100.2\n"
"crypto isakmp keepalive 30 5 periodic\n"
"!\n"
"crypto ipsec transform-set TS-AES256 esp-aes 256 esp-sha256-hmac\n"
" mode tunnel\n"
"!\n"
"crypto map VPNMAP 10 ipsec-isakmp\n"
" set peer 198.51.100.2\n"
" set transform-set TS-AES256\n"
" match address VPN-ACL\n"
"!\n"
"interface GigabitEthernet0/0\n"
" description WAN\n"
" ip address 192.0.2.1 255.255.255.0\n"
" duplex auto\n"
" speed auto\n"
" crypto map VPNMAP\n"
"!\n"
"interface GigabitEthernet0/1\n"
" description LAN\n"
" ip address 10.1.0.1 255.255.255.0\n"
" duplex auto\n"
" speed auto\n"
"!\n"
"interface GigabitEthernet0/2\n"
" no ip address\n"
" shutdown\n"
"!\n"
"ip forward-protocol nd\n"
"!\n"
"ip route 0.0.0.0 0.0.0.0 GigabitEthernet0/0 192.0.2.254\n"
"ip ssh version 2\n"
"!\n"
"ip access-list extended VPN-ACL\n"
" permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255\n"
"!\n"
"line con 0\n"
"line aux 0\n"
"line vty 0 4\n"
" exec-timeout 10 0\n"
" login local\n"
" transport input ssh\n"
"!\n"
"end\n"
"\n";

static const char ios_logging[] =
"Syslog logging: enabled (0 messages dropped, 3 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)\n"
"\n"
"No Active Message Discriminator.\n"
"\n"
"\n"
"\n"
"No Inactive Message Discriminator.\n"
"\n"
"\n"
"    Console logging: level debugging, 41 messages logged, xml disabled,\n"
"                     filtering disabled\n"
"    Monitor logging: level debugging, 0 messages logged, xml disabled,\n"
"                     filtering disabled\n"
"    Buffer logging:  level debugging, 41 messages logged, xml disabled,\n"
"                    filtering disabled\n"
"    Exception Logging: size (4096 bytes)\n"
"    Count and timestamp logging messages: disabled\n"
"    Persistent logging: disabled\n"
"\n"
"No active filter modules.\n"
"\n"
"    Trap logging: level informational, 44 message lines logged\n"
"        Logging Source-Interface:       VRF Name:\n"
"\n"
"Log Buffer (8192 bytes):\n"
"\n"
"*Mar  4 09:01:02.311: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up\n"
"*Mar  4 09:01:03.311: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0, changed state to up\n"
"*Mar  4 09:01:05.559: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON\n"
"*Mar  4 09:12:44.103: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.0.50)\n"
"*Mar  4 09:13:10.870: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=50, spi=0x3EA71AED(1051138797), srcaddr=198.51.100.2, input interface=GigabitEthernet0/0\n";

static const char ios_route[] =
"Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
"       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n"
"       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
"       E1 - OSPF external type 1, E2 - OSPF external type 2\n"
"       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
"       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
"       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP\n"
"       a - application route\n"
"       + - replicated route, % - next hop override, p - overrides from PfR\n"
"\n"
"Gateway of last resort is 192.0.2.254 to network 0.0.0.0\n"
"\n"
"S*    0.0.0.0/0 [1/0] via 192.0.2.254, GigabitEthernet0/0\n"
"      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks\n"
"C        10.1.0.0/24 is directly connected, GigabitEthernet0/1\n"
"L        10.1.0.1/32 is directly connected, GigabitEthernet0/1\n"
"      192.0.2.0/24 is variably subnetted, 2 subnets, 2 masks\n"
"C        192.0.2.0/24 is directly connected, GigabitEthernet0/0\n"
"L        192.0.2.1/32 is directly connected, GigabitEthernet0/0\n";

/* "show ip route ADDR": everything off-link goes the default way. */
static const char ios_route_addr[] =
"Routing entry for 0.0.0.0/0, supernet\n"
"  Known via \"static\", distance 1, metric 0, candidate default path\n"
"  Routing Descriptor Blocks:\n"
"  * 192.0.2.254, via GigabitEthernet0/0\n"
"      Route metric is 0, traffic share count is 1\n";

static const char ios_clock[] = "{{clock}}\n";

static const char ios_ikev2_detail[] = "";

static const struct builtin ios_builtins[] = {
	{ "show version", ios_version, NULL, 0, 0 },
	{ "show clock", ios_clock, NULL, 0, 0 },
	{ "show crypto isakmp sa", ios_isakmp_sa, NULL, 0, 0 },
	{ "show crypto isakmp sa detail", ios_isakmp_sa_detail, NULL, 0, 0 },
	{ "show crypto isakmp policy", ios_isakmp_policy, NULL, 0, 0 },
	{ "show crypto ipsec sa", ios_ipsec_sa, NULL, 1, 0 },
	{ "show crypto ipsec transform-set", ios_transform_set, NULL, 0, 0 },
	{ "show crypto map", ios_crypto_map, NULL, 1, 0 },
	{ "show crypto ikev2 sa detail", ios_ikev2_detail, NULL, 0, 0 },
	{ "show running-config", ios_running, NULL, 1, 1 },
	{ "show logging", ios_logging, NULL, 0, 0 },
	{ "show ip route", ios_route, ios_route_addr, 1, 0 },
};

static const struct builtin iosxe_builtins[] = {
	{ "show version", iosxe_version, NULL, 0, 0 },
	{ "show clock", ios_clock, NULL, 0, 0 },
	{ "show crypto isakmp sa", ios_isakmp_sa, NULL, 0, 0 },
	{ "show crypto isakmp sa detail", ios_isakmp_sa_detail, NULL, 0, 0 },
	{ "show crypto isakmp policy", ios_isakmp_policy, NULL, 0, 0 },
	{ "show crypto ipsec sa", ios_ipsec_sa, NULL, 1, 0 },
	{ "show crypto ipsec transform-set", ios_transform_set, NULL, 0, 0 },
	{ "show crypto map", ios_crypto_map, NULL, 1, 0 },
	{ "show crypto ikev2 sa detail", ios_ikev2_detail, NULL, 0, 0 },
	{ "show running-config", ios_running, NULL, 1, 1 },
	{ "show logging", ios_logging, NULL, 0, 0 },
	{ "show ip route", ios_route, ios_route_addr, 1, 0 },
};

/* --- ASA ---------------------------------------------------------------- */

static const char asa_version[] =
"\n"
"Cisco Adaptive Security Appliance Software Version 9.12(4)37 \n"
"SSP Operating System Version 2.6(1.224)\n"
"Device Manager Version 7.12(2)\n"
"\n"
"Compiled on Wed 17-Mar-21 10:26 GMT by builders\n"
"System image file is \"disk0:/asa9-12-4-37-lfbff-k8.SPA\"\n"
"Config file at boot was \"startup-config\"\n"
"\n"
"{{hostname}} up {{uptime}}\n"
"\n"
"Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)\n"
"Internal ATA Compact Flash, 8192MB\n"
"BIOS Flash M25P64 @ 0xfed01000, 16384KB\n"
"\n"
" 1: Ext: GigabitEthernet1/1  : address is 00a7.42c1.3a01, irq 255\n"
" 2: Ext: GigabitEthernet1/2  : address is 00a7.42c1.3a02, irq 255\n"
"\n"
"Licensed features for this platform:\n"
"Maximum Physical Interfaces       : Unlimited      perpetual\n"
"Maximum VLANs                     : 150            perpetual\n"
"IPSec Peers                       : 300            perpetual\n"
"\n"
"Serial Number: JAD21450B2K\n"
"Configuration register is 0x1\n"
"Configuration last modified by enable_15 at 09:12:44.103 UTC Mon Mar 4 2024\n";

static const char asa_isakmp_sa[] =
"\n"
"IKEv1 SAs:\n"
"\n"
"   Active SA: 1\n"
"    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n"
"Total IKE SA: 1\n"
"\n"
"1   IKE Peer: 198.51.100.2\n"
"    Type    : L2L             Role    : initiator \n"
"    Rekey   : no              State   : MM_ACTIVE \n"
"\n"
"There are no IKEv2 SAs\n";

static const char asa_isakmp_sa_detail[] =
"\n"
"IKEv1 SAs:\n"
"\n"
"   Active SA: 1\n"
"    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n"
"Total IKE SA: 1\n"
"\n"
"1   IKE Peer: 198.51.100.2\n"
"    Type    : L2L             Role    : initiator \n"
"    Rekey   : no              State   : MM_ACTIVE \n"
"    Encrypt : aes-256         Hash    : SHA256    \n"
"    Auth    : preshared       Lifetime: 86400\n"
"    Lifetime Remaining: 85267\n"
"\n"
"There are no IKEv2 SAs\n";

#define ASA_ESP_SA(spi) \
"      spi: " spi "\n" \
"         SA State: active\n" \
"         transform: esp-aes-256 esp-sha-256-hmac no compression \n" \
"         in use settings ={L2L, Tunnel, IKEv1, }\n" \
"         slot: 0, conn_id: 4096, crypto-map: VPNMAP\n" \
"         sa timing: remaining key lifetime (kB/sec): (4373999/3247)\n" \
"         IV size: 16 bytes\n" \
"         replay detection support: Y\n" \
"         Anti replay bitmap: \n" \
"          0xFFFFFFFF 0xFFFFFFFF\n"

static const char asa_ipsec_sa[] =
"interface: outside\n"
"    Crypto map tag: VPNMAP, seq num: 10, local addr: 192.0.2.1\n"
"\n"
"      access-list VPN-ACL extended permit ip 10.1.0.0 255.255.255.0 10.2.0.0 255.255.255.0 \n"
"      local ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)\n"
"      remote ident (addr/mask/prot/port): (10.2.0.0/255.255.255.0/0/0)\n"
"      current_peer: 198.51.100.2\n"
"\n"
"\n"
"      #pkts encaps: {{counter:12}}, #pkts encrypt: {{counter:12}}, #pkts digest: {{counter:12}}\n"
"      #pkts decaps: {{counter:11}}, #pkts decrypt: {{counter:11}}, #pkts verify: {{counter:11}}\n"
"      #pkts compressed: 0, #pkts decompressed: 0\n"
"      #pkts not compressed: {{counter:12}}, #pkts comp failed: 0, #pkts decomp failed: 0\n"
"      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0\n"
"      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0\n"
"      #TFC rcvd: 0, #TFC sent: 0\n"
"      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0\n"
"      #send errors: 0, #recv errors: 0\n"
"\n"
"      local crypto endpt.: 192.0.2.1/0, remote crypto endpt.: 198.51.100.2/0\n"
"      path mtu 1500, ipsec overhead 74(44), media mtu 1500\n"
"      PMTU time remaining (sec): 0, DF policy: copy-df\n"
"      ICMP error validation: disabled, TFC packets: disabled\n"
"      current outbound spi: 8A3C19F2\n"
"      current inbound spi : 1B2E4C7D\n"
"\n"
"    inbound esp sas:\n"
ASA_ESP_SA("0x1B2E4C7D (456019069)")
"    outbound esp sas:\n"
ASA_ESP_SA("0x8A3C19F2 (2319194610)")
"\n";

static const char asa_crypto_map[] =
"Crypto Map \"VPNMAP\" 10 ipsec-isakmp\n"
"\tPeer = 198.51.100.2\n"
"\taccess-list VPN-ACL extended permit ip 10.1.0.0 255.255.255.0 10.2.0.0 255.255.255.0\n"
"\tCurrent peer: 198.51.100.2\n"
"\tSecurity association lifetime: 4608000 kilobytes/28800 seconds\n"
"\tPFS (Y/N): N\n"
"\tTransform sets={ \n"
"\t\tTS-AES256:  { esp-aes-256 esp-sha-256-hmac  } , \n"
"\t}\n"
"\tInterfaces using crypto map VPNMAP:\n"
"\t\toutside\n";

static const char asa_isakmp_policy[] =
"\n"
"Global IKEv1 policy\n"
"Protection suite of priority 10\n"
"\tencryption algorithm:\tAES - Advanced Encryption Standard (256 bit keys).\n"
"\thash algorithm:\t\tSecure Hash Standard 2 (256 bit)\n"
"\tauthentication method:\tPre-Shared Key\n"
"\tDiffie-Hellman group:\t#14 (2048 bit)\n"
"\tlifetime:\t\t86400 seconds, no volume limit\n";

static const char asa_transform_set[] =
"Transform set TS-AES256: { esp-aes-256 esp-sha-256-hmac  }\n"
"   will negotiate = { Tunnel,  },\n";

static const char asa_running[] =
": Saved\n"
"\n"
": \n"
": Serial Number: JAD21450B2K\n"
": Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)\n"
":\n"
"ASA Version 9.12(4)37 \n"
"!\n"
"hostname {{hostname}}\n"
"enable password ***** pbkdf2\n"
"names\n"
"!\n"
"interface GigabitEthernet1/1\n"
" nameif outside\n"
" security-level 0\n"
" ip address 192.0.2.1 255.255.255.0 \n"
"!\n"
"interface GigabitEthernet1/2\n"
" nameif inside\n"
" security-level 100\n"
" ip address 10.1.0.1 255.255.255.0 \n"
"!\n"
"access-list VPN-ACL extended permit ip 10.1.0.0 255.255.255.0 10.2.0.0 255.255.255.0 \n"
"route outside 0.0.0.0 0.0.0.0 192.0.2.254 1\n"
"crypto ipsec ikev1 transform-set TS-AES256 esp-aes-256 esp-sha-256-hmac \n"
"crypto map VPNMAP 10 match address VPN-ACL\n"
"crypto map VPNMAP 10 set peer 198.51.100.2 \n"
"crypto map VPNMAP 10 set ikev1 transform-set TS-AES256\n"
"crypto map VPNMAP interface outside\n"
"crypto ikev1 enable outside\n"
"crypto ikev1 policy 10\n"
" authentication pre-share\n"
" encryption aes-256\n"
" hash sha-256\n"
" group 14\n"
" lifetime 86400\n"
"tunnel-group 198.51.100.2 type ipsec-l2l\n"
"tunnel-group 198.51.100.2 ipsec-attributes\n"
" ikev1 pre-shared-key *****\n"
"ssh 10.1.0.0 255.255.255.0 inside\n"
"ssh version 2\n"
"username mon password ***** pbkdf2 privilege 1\n"
": end\n";

static const char asa_logging[] =
"Syslog logging: enabled\n"
"    Facility: 20\n"
"    Timestamp logging: enabled\n"
"    Hide Username logging: enabled\n"
"    Standby logging: disabled\n"
"    Debug-trace logging: disabled\n"
"    Console logging: disabled\n"
"    Monitor logging: disabled\n"
"    Buffer logging: level informational, 5 messages logged\n"
"    Trap logging: disabled\n"
"    Permit-hostdown logging: disabled\n"
"    History logging: disabled\n"
"    Device ID: disabled\n"
"    Mail logging: disabled\n"
"    ASDM logging: disabled\n"
"Mar 04 2024 09:01:05: %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0x8A3C19F2) between 192.0.2.1 and 198.51.100.2 (user= 198.51.100.2) has been created.\n"
"Mar 04 2024 09:01:05: %ASA-6-602303: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x1B2E4C7D) between 192.0.2.1 and 198.51.100.2 (user= 198.51.100.2) has been created.\n"
"Mar 04 2024 09:01:05: %ASA-5-713120: Group = 198.51.100.2, IP = 198.51.100.2, PHASE 2 COMPLETED (msgid=5e1f0c2a)\n"
"Mar 04 2024 09:12:44: %ASA-5-111008: User 'enable_15' executed the 'write memory' command.\n"
"Mar 04 2024 09:13:10: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x3EA71AED, sequence number= 0x1) from 198.51.100.2 to 192.0.2.1 with an invalid SPI.\n";

static const char asa_route[] =
"\n"
"Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
"       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n"
"       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
"       E1 - OSPF external type 1, E2 - OSPF external type 2, V - VPN\n"
"       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
"       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
"       o - ODR, P - periodic downloaded static route, + - replicated route\n"
"Gateway of last resort is 192.0.2.254 to network 0.0.0.0\n"
"\n"
"S*       0.0.0.0 0.0.0.0 [1/0] via 192.0.2.254, outside\n"
"C        10.1.0.0 255.255.255.0 is directly connected, inside\n"
"L        10.1.0.1 255.255.255.255 is directly connected, inside\n"
"C        192.0.2.0 255.255.255.0 is directly connected, outside\n"
"L        192.0.2.1 255.255.255.255 is directly connected, outside\n"
"\n";

static const char asa_route_addr[] =
"\n"
"Routing entry for 0.0.0.0 0.0.0.0, supernet\n"
"  Known via \"static\", distance 1, metric 0, candidate default path\n"
"  Routing Descriptor Blocks:\n"
"  * 192.0.2.254, via outside\n"
"      Route metric is 0, traffic share count is 1\n"
"\n";

static const char asa_ikev2_detail[] = "There are no IKEv2 SAs\n";

static const struct builtin asa_builtins[] = {
	{ "show version", asa_version, NULL, 0, 0 },
	{ "show clock", ios_clock, NULL, 0, 0 },
	{ "show crypto isakmp sa", asa_isakmp_sa, NULL, 0, 0 },
	{ "show crypto isakmp sa detail", asa_isakmp_sa_detail, NULL, 0, 0 },
	{ "show crypto ikev1 sa", asa_isakmp_sa, NULL, 0, 0 },
	{ "show crypto ikev1 sa detail", asa_isakmp_sa_detail, NULL, 0, 0 },
	{ "show crypto isakmp policy", asa_isakmp_policy, NULL, 0, 0 },
	{ "show crypto ipsec sa", asa_ipsec_sa, NULL, 1, 0 },
	{ "show crypto ipsec transform-set", asa_transform_set, NULL, 0, 0 },
	{ "show crypto map", asa_crypto_map, NULL, 1, 0 },
	{ "show crypto ikev2 sa detail", asa_ikev2_detail, NULL, 0, 0 },
	{ "show running-config", asa_running, NULL, 1, 1 },
	{ "show logging", asa_logging, NULL, 0, 0 },
	{ "show route", asa_route, asa_route_addr, 1, 0 },
	{ "show ip route", asa_route, asa_route_addr, 1, 0 },
};

const struct builtin *
builtins(enum platform p, size_t *np)
{
	switch (p) {
	case PLAT_ASA:
		*np = NITEMS(asa_builtins);
		return asa_builtins;
	case PLAT_IOSXE:
		*np = NITEMS(iosxe_builtins);
		return iosxe_builtins;
	default:
		*np = NITEMS(ios_builtins);
		return ios_builtins;
	}
}
