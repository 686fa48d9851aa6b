// Writes a load-test chain spec: the dev spec (stdin: `build-spec --chain dev`) with
// `senders` accounts (seeds from `sender.js`) pre-funded with DSG and USDT in genesis, so
// setting the test up costs no block space, and `fillers` more funded accounts that only make
// the state as large as a live chain's (for `benchmark storage`).
//   node load/spec.js <senders> [fillers] < dev.json > load.json
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';
import { senderPair } from './sender.js';

const senders = Number(process.argv[2] ?? 2000);
const fillers = Number(process.argv[3] ?? 0);
const input = await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (c) => { data += c; });
  process.stdin.on('end', () => resolve(data));
});
await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const spec = JSON.parse(input);
const patch = spec.genesis.runtimeGenesis.patch;
for (let i = 0; i < senders; i++) {
  const { address } = senderPair(keyring, i);
  patch.balances.balances.push([address, 1_000n * 10n ** 12n]);
  patch.assets.accounts.push([1984, address, 1_000n * 10n ** 6n]);
}
for (let i = 0; i < fillers; i++) {
  const address = encodeAddress(blake2AsU8a(`filler${i}`), 42);
  patch.balances.balances.push([address, 10n ** 12n]);
  patch.assets.accounts.push([1984, address, 10n ** 6n]);
}
spec.name = 'DeSpend load test';
spec.id = 'despend_load_test';
process.stdout.write(JSON.stringify(spec, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
