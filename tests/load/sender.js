// The load test's senders: sr25519 key pairs from seeds (a hash of the sender's index), the
// same in the chain spec that funds them and in the client that signs for them. A seed takes
// half a millisecond to expand; a derivation path (`//Load//i`) takes twenty times longer,
// which thousands of senders would notice.
import { blake2AsU8a } from '@polkadot/util-crypto';

export function senderPair(keyring, index) {
  return keyring.addFromSeed(blake2AsU8a(`despend-load-${index}`));
}
