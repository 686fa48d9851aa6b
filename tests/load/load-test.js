// Load test of a running DeSpend node (polkadot-stps style). Every sender is pre-funded in the
// chain spec (scripts/load-test.sh writes it), signs one transaction per phase in advance, and
// all are submitted unwatched; the rate is counted from finalized blocks, against the
// `Timestamp` delta of the blocks that carried the phase.
//
// Phases: transfers (`balances.transferKeepAlive`), placed orders (`orders.placeOrder`),
// shipping (the merchant, in batches), confirmations (`orders.confirmReceipt`), and the
// settlements `on_idle` makes once the after-sales window has passed.
//
//   node load/load-test.js --url ws://127.0.0.1:9944 --senders 2000 --phase-timeout 150
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const URL = args.url ?? 'ws://127.0.0.1:9944';
const SENDERS = Number(args.senders ?? 2000);
const PHASE_TIMEOUT_MS = Number(args['phase-timeout'] ?? 150) * 1000;
const USDT = { WithId: 1984 };
const PRICE = 10_000_000n; // 10 USD

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(URL), noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const alice = keyring.addFromUri('//Alice');
  const merchant = keyring.addFromUri('//Bob');
  console.log(`deriving ${SENDERS} senders`);
  const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//Load//${i}`));
  const genesisHash = api.genesisHash;
  // Signing without asking the node: immortal, against genesis, this runtime's extensions.
  const offline = { era: 0, blockHash: genesisHash, genesisHash, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions };
  const blockWeights = api.consts.system.blockWeights;
  const normalMax = blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  const slotMs = Number(api.consts.aura.slotDuration.toBigInt());

  // Finalized blocks, as they come: extrinsics and events per block, timestamp, weight.
  const blocks = [];
  // Which order each buyer placed (order ids follow inclusion order, not sender order).
  const orderOfBuyer = new Map();
  let finalizedHeight = 0;
  let bestHeight = 0;
  const lags = [];
  await api.rpc.chain.subscribeNewHeads((h) => { bestHeight = h.number.toNumber(); });
  const seen = new Set();
  let busy = Promise.resolve();
  await api.rpc.chain.subscribeFinalizedHeads((header) => {
    busy = busy.then(async () => {
      const to = header.number.toNumber();
      for (let n = finalizedHeight + 1; n <= to; n++) {
        if (seen.has(n)) continue;
        seen.add(n);
        const hash = await api.rpc.chain.getBlockHash(n);
        const [block, events, at] = await Promise.all([
          api.rpc.chain.getBlock(hash), api.query.system.events.at(hash), api.at(hash)]);
        const [moment, weight] = await Promise.all([at.query.timestamp.now(), at.query.system.blockWeight()]);
        const calls = {};
        for (const ext of block.block.extrinsics) {
          if (!ext.isSigned) continue;
          const key = `${ext.method.section}.${ext.method.method}`;
          calls[key] = (calls[key] ?? 0) + 1;
        }
        const evs = {};
        for (const { event } of events) {
          const key = `${event.section}.${event.method}`;
          evs[key] = (evs[key] ?? 0) + 1;
          if (key === 'orders.OrderPlaced') orderOfBuyer.set(event.data.buyer.toString(), event.data.order.toNumber());
        }
        blocks.push({ n, time: moment.toNumber(), calls, evs, normal: weight.normal.refTime.toBigInt(), mandatory: weight.mandatory.refTime.toBigInt() });
      }
      finalizedHeight = Math.max(finalizedHeight, to);
      lags.push(bestHeight - to);
    }).catch((e) => console.error('block reader:', e.message));
  });

  const waitFinalizedTx = async (tx, signer) => new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      if (status.isFinalized) resolve();
    }).catch(reject);
  });

  // Setup: a category and a product with stock for every sender (a few blocks).
  console.log('setup: category, merchant, product');
  const product = (await api.query.orders.nextProductId()).toNumber();
  await waitFinalizedTx(api.tx.sudo.sudo(api.tx.orders.createCategory('Load')), alice);
  const category = (await api.query.orders.nextCategoryId()).toNumber() - 1;
  if ((await api.query.orders.merchants(merchant.address)).isNone) {
    await waitFinalizedTx(api.tx.orders.registerMerchant('bafy-load'), merchant);
  }
  await waitFinalizedTx(api.tx.orders.listProduct(category, PRICE, SENDERS * 2, [USDT], null, null, 'bafy-load'), merchant);

  /** Pre-signs one transaction per sender, submits them all unwatched, and waits until
   * `count(block)` over finalized blocks reaches `expected` (or the phase's deadline). */
  const phase = async (name, build, expected, count) => {
    const signed = [];
    for (const [i, who] of senders.entries()) {
      const tx = build(i, who);
      if (!tx) continue;
      signed.push(tx.tx.sign(tx.signer, { ...offline, nonce: tx.nonce }));
    }
    console.log(`${name}: ${signed.length} pre-signed`);
    expected = Math.min(expected, signed.length);
    const fromBlock = finalizedHeight;
    const started = Date.now();
    const submitted = [];
    for (let i = 0; i < signed.length; i += 200) {
      await Promise.all(signed.slice(i, i + 200).map((tx) =>
        api.rpc.author.submitExtrinsic(tx).then(() => submitted.push(1), (e) => console.error(`${name} submit: ${e.message}`))));
    }
    let done = 0;
    while (Date.now() - started < PHASE_TIMEOUT_MS) {
      done = blocks.filter((b) => b.n > fromBlock).reduce((s, b) => s + count(b), 0);
      if (done >= expected) break;
      await sleep(500);
    }
    const carrying = blocks.filter((b) => b.n > fromBlock && count(b) > 0).sort((a, b) => a.n - b.n);
    const first = carrying[0];
    const last = carrying[carrying.length - 1];
    // The rate over the blocks that carried the phase: their count over the time from the
    // block before the first to the last one.
    const before = blocks.find((b) => first && b.n === first.n - 1);
    const spanMs = first && last ? last.time - (before ? before.time : first.time - slotMs) : 0;
    const rate = spanMs > 0 ? done / (spanMs / 1000) : 0;
    const fullness = carrying.length
      ? carrying.reduce((s, b) => s + Number(b.normal * 10_000n / normalMax) / 100, 0) / carrying.length : 0;
    const result = { phase: name, submitted: submitted.length, done, expected, blocks: carrying.length, seconds: spanMs / 1000, rate: Number(rate.toFixed(1)), fullness: Number(fullness.toFixed(1)) };
    console.log(JSON.stringify(result));
    return result;
  };

  const sender = (tx, who, nonce) => ({ tx, signer: who, nonce });
  // What the chain's own numbers allow: a block's normal weight over one transaction's weight
  // (call, extensions and base, from `query_info`), per second.
  const ceiling = async (tx, who) => {
    const { weight } = await tx.paymentInfo(who);
    const perBlock = Number(normalMax / weight.refTime.toBigInt());
    return { weightMs: Number(weight.refTime.toBigInt()) / 1e9, perBlock, perSecond: Number((perBlock / (slotMs / 1000)).toFixed(1)) };
  };
  const ceilings = {
    transfer: await ceiling(api.tx.balances.transferKeepAlive(alice.address, 1_000_000_000n), senders[0]),
    placeOrder: await ceiling(api.tx.orders.placeOrder(product, 1, USDT, PRICE), senders[0]),
    markShipped: await ceiling(api.tx.orders.markShipped(0, '0x' + '11'.repeat(32)), merchant),
    confirmReceipt: await ceiling(api.tx.orders.confirmReceipt(0), senders[0]),
    settle: await ceiling(api.tx.orders.settle(0), senders[0]),
  };
  console.log(JSON.stringify({ ceilings }));
  const results = [];
  results.push(await phase('transfers',
    (i, who) => sender(api.tx.balances.transferKeepAlive(alice.address, 1_000_000_000n), who, 0),
    SENDERS, (b) => b.calls['balances.transferKeepAlive'] ?? 0));
  const firstOrder = (await api.query.orders.nextOrderId()).toNumber();
  results.push(await phase('placed orders',
    (i, who) => sender(api.tx.orders.placeOrder(product, 1, USDT, PRICE), who, 1),
    SENDERS, (b) => b.evs['orders.OrderPlaced'] ?? 0));
  // The merchant ships in batches of 100 (one account: sequential nonces).
  const nextId = (await api.query.orders.nextOrderId()).toNumber();
  let merchantNonce = (await api.rpc.system.accountNextIndex(merchant.address)).toNumber();
  const ships = [];
  for (let id = firstOrder; id < nextId; id += 100) {
    const batch = [];
    for (let o = id; o < Math.min(id + 100, nextId); o++) batch.push(api.tx.orders.markShipped(o, '0x' + '11'.repeat(32)));
    ships.push(api.tx.utility.batch(batch).sign(merchant, { ...offline, nonce: merchantNonce++ }));
  }
  const shipFrom = finalizedHeight;
  await Promise.all(ships.map((tx) => api.rpc.author.submitExtrinsic(tx).catch((e) => console.error(`ship: ${e.message}`))));
  const shipStart = Date.now();
  while (Date.now() - shipStart < PHASE_TIMEOUT_MS) {
    const shipped = blocks.filter((b) => b.n > shipFrom).reduce((s, b) => s + (b.evs['orders.OrderShipped'] ?? 0), 0);
    if (shipped >= nextId - firstOrder) break;
    await sleep(500);
  }
  const confirmFrom = finalizedHeight;
  results.push(await phase('confirmations',
    (i, who) => {
      const order = orderOfBuyer.get(who.address);
      return order === undefined ? null : sender(api.tx.orders.confirmReceipt(order), who, 2);
    },
    SENDERS, (b) => b.evs['orders.OrderReceived'] ?? 0));
  // Settlement by on_idle: no transaction at all.
  const confirmed = results[results.length - 1].done;
  const settleStart = Date.now();
  let settled = 0;
  while (Date.now() - settleStart < PHASE_TIMEOUT_MS) {
    settled = blocks.filter((b) => b.n > confirmFrom).reduce((s, b) => s + (b.evs['orders.OrderSettled'] ?? 0), 0);
    if (settled >= confirmed) break;
    await sleep(500);
  }
  const carrying = blocks.filter((b) => b.n > confirmFrom && (b.evs['orders.OrderSettled'] ?? 0) > 0).sort((a, b) => a.n - b.n);
  const span = carrying.length ? (carrying[carrying.length - 1].time - carrying[0].time) / 1000 + slotMs / 1000 : 0;
  const settleResult = { phase: 'settled by on_idle', done: settled, expected: confirmed, blocks: carrying.length, seconds: span, rate: span ? Number((settled / span).toFixed(1)) : 0 };
  console.log(JSON.stringify(settleResult));
  results.push(settleResult);

  const times = blocks.slice(1).map((b, i) => b.time - blocks[i].time).filter((d) => d > 0);
  const summary = {
    blockTimeMs: times.length ? Math.round(times.reduce((s, t) => s + t, 0) / times.length) : null,
    maxFinalityLag: Math.max(0, ...lags),
    mandatoryHeavyBlocks: blocks.filter((b) => b.mandatory * 2n > normalMax).length,
  };
  const lifecycleMs = ceilings.placeOrder.weightMs + ceilings.markShipped.weightMs +
    ceilings.confirmReceipt.weightMs + ceilings.settle.weightMs;
  summary.lifecycleOverTransfer = Number((lifecycleMs / ceilings.transfer.weightMs).toFixed(2));
  summary.settleOverTransfer = Number((ceilings.settle.weightMs / ceilings.transfer.weightMs).toFixed(2));
  summary.ordersPerSecondOverTransfers = results[0].rate ? Number((results[3].rate / results[0].rate).toFixed(3)) : null;
  console.log(JSON.stringify({ ceilings, results, summary }));
  await api.disconnect();
}

main().catch((e) => { console.error(e); process.exit(1); });
