-- 0006_isakmp_peer.sql: isakmp_sas.peer is the far end of the tunnel.
--
-- IOS lists a Phase 1 SA as "dst src": dst is the responder, so on the
-- router that answered the negotiation dst is its own address and src the
-- peer. 0002 took dst as the peer, and the views then showed one tunnel
-- as two rows on responders. The store now swaps in src when dst is one of
-- the poll's own IPsec local addresses, or src one of its IPsec peers; the
-- same rule mends the rows already recorded.

UPDATE isakmp_sas SET peer = src
WHERE src IS NOT NULL AND peer IS NOT NULL AND peer <> src
  AND (peer IN (SELECT f.local_addr FROM ipsec_flows f
                 WHERE f.poll_id = isakmp_sas.poll_id)
       OR src IN (SELECT f.peer FROM ipsec_flows f
                   WHERE f.poll_id = isakmp_sas.poll_id));
