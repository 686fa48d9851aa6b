// Load test of a running DeSpend node (polkadot-stps style). Every sender is pre-funded in the
// chain spec (scripts/load-test.sh writes it), signs one transaction per phase in advance, and
// all are submitted unwatched; the rate is counted from finalized blocks, against the
// `Timestamp` delta of the blocks that carried the phase.
//
// Phases, in this order: transfers (`balances.transferKeepAlive`), placed orders
// (`orders.placeOrder`); then, for most orders, shipping (the merchant, in batches),
// confirmations (`orders.confirmReceipt`) and the settlements `on_idle` makes once the
// after-sales window has passed; then, for the rest, shipping, confirmations all in one block,
// and signed `orders.settle` calls submitted the block before their after-sales window ends.
// Each rate is printed next to the chain's own ceiling for it: a block's weight over the
// weight of one (call, extensions and the base weight of an extrinsic, as a block counts it).
// With `--pipeline W`, two blocks of transfers and then the life cycle as a stream (below).
//
//   node load/load-test.js --url ws://127.0.0.1:9944 --senders 8000 --signed 1000 --phase-timeout 120
//   node load/load-test.js --url ws://127.0.0.1:9944 --senders 28800 --pipeline 1200
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { compactFromU8a, u8aToU8a } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { senderPair } from './sender.js';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const URL = args.url ?? 'ws://127.0.0.1:9944';
const SENDERS = Number(args.senders ?? 2000);
// Orders settled by signed `settle` calls (`auto`: what fits in one block, less a twentieth,
// so they all land in the block before `on_idle` would take them); the rest by `on_idle`.
const SIGNED_ARG = args.signed ?? 'auto';
const PHASE_TIMEOUT_MS = Number(args['phase-timeout'] ?? 150) * 1000;
const USDT = { WithId: 1984 };
const PRICE = 10_000_000n; // 10 USD
const TRACKING = '0x' + '11'.repeat(32);

// Pipelined (`--pipeline W`): every block carries W new orders, the shipping of the previous
// block's orders and the receipts of the orders shipped the block before, while `on_idle`
// settles the orders whose after-sales window ends: the whole life cycle at once, as a shop's
// steady traffic would run it, for as many blocks as the senders allow (`senders / W` waves).
const PIPELINE = Number(args.pipeline ?? 0);
/** What a whole purchase weighs in a block: its four signed steps, one extrinsic each. */
const lifeCycleMs = (c) => c.placeOrder.weightMs + c.markShipped.weightMs + c.confirmReceipt.weightMs + c.settle.weightMs;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, digits = 1) => Number(x.toFixed(digits));

async function main() {
  await cryptoWaitReady();
  const provider = new WsProvider(URL);
  const api = await ApiPromise.create({ provider, noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const alice = keyring.addFromUri('//Alice');
  const merchant = keyring.addFromUri('//Bob');
  console.log(`deriving ${SENDERS} senders`);
  const senders = Array.from({ length: SENDERS }, (_, i) => senderPair(keyring, i));
  const genesisHash = api.genesisHash;
  // Signing without asking the node: immortal, against genesis, this runtime's extensions.
  const offline = { era: 0, blockHash: genesisHash, genesisHash, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions };
  const blockWeights = api.consts.system.blockWeights;
  const normalMax = blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  const maxBlock = blockWeights.maxBlock.refTime.toBigInt();
  const baseBlock = blockWeights.baseBlock.refTime.toBigInt();
  const baseExtrinsic = blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();
  const slotMs = Number(api.consts.aura.slotDuration.toBigInt());
  // The after-sales window in blocks (a governance parameter; the production default if unset).
  const afterSalesKey = { Commerce: { AfterSalesPeriod: null } };
  const stored = await api.query.parameters.parameters(afterSalesKey);
  const afterSales = stored.isSome ? stored.unwrap().asCommerce.asAfterSalesPeriod.toNumber() : 7 * 14_400;

  // Finalized blocks, as they come: extrinsics and events per block, timestamp, weight.
  const blocks = [];
  // Which order each buyer placed (order ids follow inclusion order, not sender order).
  const orderOfBuyer = new Map();
  // The block each order was received in.
  const receivedAt = new Map();
  let finalizedHeight = 0;
  let bestHeight = 0;
  const lags = [];
  await api.rpc.chain.subscribeNewHeads((h) => { bestHeight = h.number.toNumber(); });
  const seen = new Set();
  // A block's events, decoded once: the pipelined run reads them at the best block, the block
  // reader again when the block is finalized (decoding thousands of events takes the client
  // about a second).
  const eventsSeen = new Map();
  const eventsAt = (hash) => {
    const key = hash.toHex();
    if (!eventsSeen.has(key)) eventsSeen.set(key, api.query.system.events.at(hash));
    return eventsSeen.get(key);
  };
  /** The time finalized blocks `list` (in order) took: from the block before the first (a slot
   * before it if that block is unknown) to the last. */
  const spanOf = (list) => {
    if (!list.length) return 0;
    const before = blocks.find((b) => b.n === list[0].n - 1);
    return list[list.length - 1].time - (before ? before.time : list[0].time - slotMs);
  };
  let busy = Promise.resolve();
  await api.rpc.chain.subscribeFinalizedHeads((header) => {
    busy = busy.then(async () => {
      const to = header.number.toNumber();
      for (let n = finalizedHeight + 1; n <= to; n++) {
        if (seen.has(n)) continue;
        seen.add(n);
        const hash = await api.rpc.chain.getBlockHash(n);
        const [block, events, at] = await Promise.all([
          provider.send('chain_getBlock', [hash.toHex()]), eventsAt(hash), api.at(hash)]);
        eventsSeen.delete(hash.toHex());
        const [moment, weight] = await Promise.all([at.query.timestamp.now(), at.query.system.blockWeight()]);
        // Extrinsics counted undecoded: after its length prefix, a signed one's version byte
        // has the top bit set.
        const extrinsics = block.block.extrinsics;
        const signed = extrinsics.filter((hex) => (u8aToU8a(hex)[compactFromU8a(u8aToU8a(hex))[0]] & 0x80) !== 0).length;
        const evs = {};
        for (const { event, phase } of events) {
          // Settlements by a transaction and by `on_idle` (which runs as the block finalizes).
          const where = phase.isApplyExtrinsic ? '' : '@idle';
          const key = `${event.section}.${event.method}${where}`;
          evs[key] = (evs[key] ?? 0) + 1;
          if (key === 'orders.OrderPlaced') orderOfBuyer.set(event.data.buyer.toString(), event.data.order.toNumber());
          if (key === 'orders.OrderReceived') receivedAt.set(event.data.order.toNumber(), n);
        }
        blocks.push({ n, time: moment.toNumber(), extrinsics: extrinsics.length, signed, evs, normal: weight.normal.refTime.toBigInt(), mandatory: weight.mandatory.refTime.toBigInt() });
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
  const waitFor = async (condition, timeoutMs) => {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (condition()) return true;
      await sleep(250);
    }
    return false;
  };

  // Setup: a category and a product with stock for every sender (a few blocks).
  console.log('setup: category, merchant, product');
  const product = (await api.query.orders.nextProductId()).toNumber();
  await waitFinalizedTx(api.tx.sudo.sudo(api.tx.orders.createCategory('Load')), alice);
  const category = (await api.query.orders.nextCategoryId()).toNumber() - 1;
  if ((await api.query.orders.merchants(merchant.address)).isNone) {
    await waitFinalizedTx(api.tx.orders.registerMerchant('bafy-load'), merchant);
  }
  await waitFinalizedTx(api.tx.orders.listProduct(category, PRICE, SENDERS * 2, [USDT], null, null, 'bafy-load'), merchant);

  // What one transaction takes of a block: `query_info` (call and extensions) and the base.
  const weightOf = async (tx, who) => {
    const { weight } = await tx.paymentInfo(who);
    const total = weight.refTime.toBigInt() + baseExtrinsic;
    const perBlock = Number(normalMax / total);
    return { queryMs: Number(weight.refTime.toBigInt()) / 1e9, weightMs: Number(total) / 1e9, perBlock, perSecond: round(perBlock / (slotMs / 1000)) };
  };
  const ceilings = {
    transfer: await weightOf(api.tx.balances.transferKeepAlive(alice.address, 1_000_000_000n), senders[0]),
    placeOrder: await weightOf(api.tx.orders.placeOrder(product, 1, USDT, PRICE), senders[0]),
    markShipped: await weightOf(api.tx.orders.markShipped(0, TRACKING), merchant),
    confirmReceipt: await weightOf(api.tx.orders.confirmReceipt(0), senders[0]),
    settle: await weightOf(api.tx.orders.settle(0), senders[0]),
  };
  // Shipping goes in batches of 100: its ceiling is a batch's weight over 100.
  const batch = await weightOf(api.tx.utility.batch(Array.from({ length: 100 }, () => api.tx.orders.markShipped(0, TRACKING))), merchant);
  ceilings.shippedInBatches = { weightMs: batch.weightMs / 100, perSecond: round(Number(normalMax) / 1e9 / (batch.weightMs / 100) / (slotMs / 1000)) };
  console.log(JSON.stringify({ ceilings }));
  const SIGNED = Math.min(SENDERS, SIGNED_ARG === 'auto' ? Math.floor(ceilings.settle.perBlock * 0.95) : Number(SIGNED_ARG));

  const count = (from, key) => blocks.filter((b) => b.n > from).reduce((s, b) => s + (b.evs[key] ?? 0), 0);
  /** The rate of `key` events over the finalized blocks after `from` that carried them: their
   * count over the time from the block before the first to the last one. */
  const rateOf = (name, from, key, extra = {}) => {
    const carrying = blocks.filter((b) => b.n > from && (b.evs[key] ?? 0) > 0).sort((a, b) => a.n - b.n);
    const done = carrying.reduce((s, b) => s + b.evs[key], 0);
    const spanMs = spanOf(carrying);
    const rate = spanMs > 0 ? done / (spanMs / 1000) : 0;
    const fullness = carrying.length
      ? carrying.reduce((s, b) => s + Number(b.normal * 10_000n / normalMax) / 100, 0) / carrying.length : 0;
    // A stream that never ends fills every block; a phase's last block carries only what was
    // left of a finite batch. The rate over the blocks before it is what a stream sustains.
    const steady = carrying.slice(0, -1);
    const steadyMs = spanOf(steady);
    const steadyDone = steady.reduce((s, b) => s + b.evs[key], 0);
    const saturated = steadyMs > 0 ? {
      saturatedRate: round(steadyDone / (steadyMs / 1000)),
      saturatedBlocks: steady.length,
      // How full the least full of them was: of the Normal class, or of the block for on_idle.
      saturatedMinFullness: round(Math.min(...steady.map((b) => Math.max(
        Number(b.normal * 10_000n / normalMax), Number(b.mandatory * 10_000n / maxBlock)) / 100))),
    } : { saturatedRate: null };
    const result = { phase: name, done, signedExtrinsics: carrying.reduce((s, b) => s + b.signed, 0), blocks: carrying.length, seconds: spanMs / 1000, rate: round(rate), fullness: round(fullness), ...saturated, ...extra };
    console.log(JSON.stringify(result));
    return result;
  };
  /** Submits pre-signed transactions unwatched, in chunks, as soon as a new block is in: the
   * next block is authored a slot later, with as many of them in the pool as can be. */
  const submit = async (name, signed, { atNewBlock = true } = {}) => {
    const height = bestHeight;
    if (atNewBlock) await waitFor(() => bestHeight > height, 2 * slotMs);
    let ok = 0;
    for (let i = 0; i < signed.length; i += 250) {
      await Promise.all(signed.slice(i, i + 250).map((tx) =>
        // The raw RPC: the client decodes nothing it does not need (a hash per transaction).
        provider.send('author_submitExtrinsic', [typeof tx === 'string' ? tx : tx.toHex()]).then(() => { ok += 1; }, (e) => console.error(`${name} submit: ${e.message}`))));
    }
    return ok;
  };
  /** One pre-signed transaction per sender (`build` may skip one), submitted; waits until
   * `key` events after the submission reach the number submitted or the phase times out. */
  const phase = async (name, build, key, ceiling) => {
    const signed = [];
    for (const [i, who] of senders.entries()) {
      const tx = build(i, who);
      if (tx) signed.push(tx.tx.sign(tx.signer, { ...offline, nonce: tx.nonce }));
    }
    console.log(`${name}: ${signed.length} pre-signed`);
    const from = finalizedHeight;
    const submitted = await submit(name, signed);
    await waitFor(() => count(from, key) >= submitted, PHASE_TIMEOUT_MS);
    return rateOf(name, from, key, { submitted, ceiling: ceiling.perSecond, ofCeiling: 0 });
  };
  const signedBy = (tx, signer, nonce) => ({ tx, signer, nonce });
  const withCeiling = (result, perSecond) => {
    result.ceiling = perSecond;
    result.ofCeiling = perSecond ? round(100 * result.rate / perSecond) : null;
    result.saturatedOfCeiling = perSecond && result.saturatedRate ? round(100 * result.saturatedRate / perSecond) : null;
    return result;
  };

  if (PIPELINE > 0) {
    // First two blocks' worth of transfers, the yardstick, in the same run.
    const transferring = 2 * ceilings.transfer.perBlock;
    const transfers = withCeiling(await phase('transfers',
      (i, who) => (i < transferring ? signedBy(api.tx.balances.transferKeepAlive(alice.address, 1_000_000_000n), who, 0) : null),
      'balances.Transfer', ceilings.transfer), ceilings.transfer.perSecond);
    const ok = await pipeline({ api, senders, lags, eventsAt, merchant, offline, product, ceilings, blocks, slotMs, normalMax, maxBlock, baseBlock, waitFor, submit, spanOf, afterSales, transfers, nonceOf: (i) => (i < transferring ? 1 : 0) });
    await api.disconnect();
    // The run fails unless every transfer landed, every order was placed, shipped, received and
    // settled by `on_idle`, and some blocks carried all four steps at once.
    if (!ok || transfers.done !== transfers.submitted) {
      console.error('load test failed: not every transaction or order went through');
      process.exitCode = 1;
    }
    return;
  }

  const results = {};
  results.transfers = withCeiling(await phase('transfers',
    (i, who) => signedBy(api.tx.balances.transferKeepAlive(alice.address, 1_000_000_000n), who, 0),
    'balances.Transfer', ceilings.transfer), ceilings.transfer.perSecond);
  results.placed = withCeiling(await phase('placed orders',
    (i, who) => signedBy(api.tx.orders.placeOrder(product, 1, USDT, PRICE), who, 1),
    'orders.OrderPlaced', ceilings.placeOrder), ceilings.placeOrder.perSecond);

  // The merchant ships in batches of 100 (one account: sequential nonces).
  let merchantNonce = (await api.rpc.system.accountNextIndex(merchant.address)).toNumber();
  const ship = async (name, ids) => {
    const txs = [];
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100).map((o) => api.tx.orders.markShipped(o, TRACKING));
      txs.push(api.tx.utility.batch(batch).sign(merchant, { ...offline, nonce: merchantNonce++ }));
    }
    const from = finalizedHeight;
    await submit(name, txs);
    await waitFor(() => count(from, 'orders.OrderShipped') >= ids.length, PHASE_TIMEOUT_MS);
    return rateOf(name, from, 'orders.OrderShipped');
  };
  const buyersOf = (ids) => senders.filter((s) => ids.has(orderOfBuyer.get(s.address)));
  const orderIds = senders.map((s) => orderOfBuyer.get(s.address)).filter((o) => o !== undefined);
  const signedIds = new Set(orderIds.slice(0, SIGNED));
  const idleIds = new Set(orderIds.slice(SIGNED));

  // Most orders: shipped, confirmed, settled by `on_idle`.
  results.shippedIdle = withCeiling(await ship('shipped (on_idle group)', [...idleIds]), ceilings.shippedInBatches.perSecond);
  const idleBuyers = new Set(buyersOf(idleIds).map((s) => s.address));
  results.confirmed = withCeiling(await phase('confirmations',
    (i, who) => idleBuyers.has(who.address) ? signedBy(api.tx.orders.confirmReceipt(orderOfBuyer.get(who.address)), who, 2) : null,
    'orders.OrderReceived', ceilings.confirmReceipt), ceilings.confirmReceipt.perSecond);
  const idleFrom = finalizedHeight;
  await waitFor(() => count(idleFrom - 1, 'orders.OrderSettled@idle') >= results.confirmed.done, PHASE_TIMEOUT_MS);
  const idleBlocks = blocks.filter((b) => b.n >= idleFrom - 1 && (b.evs['orders.OrderSettled@idle'] ?? 0) > 0);
  const idleSettled = idleBlocks.reduce((s, b) => s + b.evs['orders.OrderSettled@idle'], 0);
  // What `on_idle` was charged per settlement: the Mandatory weight of its blocks (less the
  // base of the block) over the orders it settled; its ceiling is a whole block of those.
  const idleCharged = idleBlocks.reduce((s, b) => s + b.mandatory - baseBlock, 0n);
  const idlePerOrderMs = idleSettled ? Number(idleCharged / BigInt(idleSettled)) / 1e9 : 0;
  const idleCeiling = idlePerOrderMs ? round(Number(maxBlock - baseBlock) / 1e9 / idlePerOrderMs / (slotMs / 1000)) : 0;
  results.settledIdle = withCeiling(rateOf('settled by on_idle', idleFrom - 1, 'orders.OrderSettled@idle',
    { chargedPerOrderMs: round(idlePerOrderMs, 3) }), idleCeiling);

  // The rest: shipped, confirmed in one block, settled by signed `settle` calls that arrive
  // the block before the after-sales window ends, so `on_idle` finds them settled already.
  if (signedIds.size > 0) {
    results.shippedSigned = await ship('shipped (signed group)', [...signedIds]);
    const signedBuyers = buyersOf(signedIds);
    const confirms = signedBuyers.map((who) => api.tx.orders.confirmReceipt(orderOfBuyer.get(who.address)).sign(who, { ...offline, nonce: 2 }));
    const confirmFrom = finalizedHeight;
    await submit('confirmations (signed group)', confirms);
    await waitFor(() => count(confirmFrom, 'orders.OrderReceived') >= confirms.length, PHASE_TIMEOUT_MS);
    const due = Math.max(...[...signedIds].map((o) => receivedAt.get(o) ?? 0)) + afterSales;
    const settles = signedBuyers.map((who) => api.tx.orders.settle(orderOfBuyer.get(who.address)).sign(who, { ...offline, nonce: 3 }));
    await waitFor(() => bestHeight >= due - 1, PHASE_TIMEOUT_MS);
    const settleFrom = finalizedHeight;
    await submit('signed settle', settles, { atNewBlock: false });
    await waitFor(() => count(settleFrom, 'orders.OrderSettled') + count(settleFrom, 'orders.OrderSettled@idle') >= settles.length, PHASE_TIMEOUT_MS);
    results.settledSigned = withCeiling(rateOf('settled by signed settle', settleFrom, 'orders.OrderSettled',
      { byOnIdleMeanwhile: count(settleFrom, 'orders.OrderSettled@idle') }), ceilings.settle.perSecond);
  }

  const times = blocks.slice(1).map((b, i) => b.time - blocks[i].time).filter((d) => d > 0);
  const lifeMs = lifeCycleMs(ceilings);
  const lifeQueryMs = ceilings.placeOrder.queryMs + ceilings.markShipped.queryMs + ceilings.confirmReceipt.queryMs + ceilings.settle.queryMs;
  // A whole purchase at a time: the chain's time per order is the sum of its phases' times.
  const steadyRate = (result) => result.saturatedRate ?? result.rate;
  const perOrder = (...rates) => rates.every((r) => r > 0) ? round(1 / rates.reduce((s, r) => s + 1 / r, 0)) : 0;
  // Blocks whose Mandatory weight took more than a tenth of the block: on_idle settling (which
  // uses what the block has left) or anything else, such as a session rotation.
  const heavy = blocks.filter((b) => b.mandatory * 10n > maxBlock);
  const rotations = blocks.filter((b) => (b.evs['session.NewSession@idle'] ?? 0) + (b.evs['session.NewSession'] ?? 0) > 0);
  const summary = {
    blockTimeMs: times.length ? Math.round(times.reduce((s, t) => s + t, 0) / times.length) : null,
    maxFinalityLag: Math.max(0, ...lags),
    mandatoryHeavyBlocks: heavy.length,
    mandatoryHeavyWithoutOnIdle: heavy.filter((b) => !(b.evs['orders.OrderSettled@idle'] > 0)).length,
    sessionRotations: rotations.length,
    maxRotationMandatoryPercent: rotations.length ? Math.max(...rotations.map((b) => Number(b.mandatory * 1000n / maxBlock) / 10)) : null,
    lifecycleOverTransfer: round(lifeMs / ceilings.transfer.weightMs, 2),
    settleOverTransfer: round(ceilings.settle.weightMs / ceilings.transfer.weightMs, 2),
    lifecycleOverTransferQueryInfo: round(lifeQueryMs / ceilings.transfer.queryMs, 2),
    settleOverTransferQueryInfo: round(ceilings.settle.queryMs / ceilings.transfer.queryMs, 2),
    // The whole life cycle, measured phase by phase, and its ceiling by weight.
    lifecycleOrdersPerSecondOnIdle: perOrder(results.placed.rate, results.shippedIdle.rate, results.confirmed.rate, results.settledIdle.rate),
    lifecycleOrdersPerSecondSigned: results.settledSigned ? perOrder(results.placed.rate, results.shippedIdle.rate, results.confirmed.rate, results.settledSigned.rate) : null,
    lifecycleCeilingSigned: round(Number(normalMax) / 1e9 / lifeMs / (slotMs / 1000)),
    lifecycleCeilingOnIdle: perOrder(results.placed.ceiling, results.shippedIdle.ceiling, results.confirmed.ceiling, results.settledIdle.ceiling),
    // The same from the blocks the phases filled (a phase carried by one block counts as run).
    lifecycleSaturatedOnIdle: perOrder(...[results.placed, results.shippedIdle, results.confirmed, results.settledIdle].map(steadyRate)),
    lifecycleSaturatedSigned: results.settledSigned ? perOrder(...[results.placed, results.shippedIdle, results.confirmed, results.settledSigned].map(steadyRate)) : null,
    ordersPerSecondOverTransfers: results.transfers.rate ? round(results.settledIdle.rate / results.transfers.rate, 3) : null,
  };
  console.log(JSON.stringify({ ceilings, results, summary }));
  await api.disconnect();
}

/** The pipelined run: reacts to each new best block (its events give the order ids), and
 * measures from finalized blocks over the steady window, the blocks that carried all four
 * steps of the life cycle. */
async function pipeline(ctx) {
  const { api, senders, lags, eventsAt, merchant, offline, product, ceilings, blocks, slotMs, normalMax, maxBlock, baseBlock, waitFor, submit, spanOf, afterSales, transfers, nonceOf } = ctx;
  const W = PIPELINE;
  const waves = Math.floor(senders.length / W);
  console.log(`pipeline: ${waves} waves of ${W} orders (${round(W / (slotMs / 1000))} orders/s offered), after-sales window ${afterSales} blocks`);
  const places = senders.slice(0, waves * W).map((who, i) =>
    api.tx.orders.placeOrder(product, 1, USDT, PRICE).sign(who, { ...offline, nonce: nonceOf(i) }).toHex());
  const buyerOf = new Map(senders.map((s, i) => [s.address, { pair: s, nonce: nonceOf(i) + 1 }]));
  let merchantNonce = (await api.rpc.system.accountNextIndex(merchant.address)).toNumber();
  // Each placed order's receipt, signed by its buyer while the order waits to be shipped, so
  // that the block the order ships in only has to send it.
  const receipts = new Map();
  let wave = 0;
  let lastSeen = 0;
  let placed = 0;
  let received = 0;
  let reacting = Promise.resolve();
  // How long the client took to react to each block: reading, submitting, signing.
  const reactions = [];
  const react = async (n) => {
    const started = Date.now();
    const hash = await api.rpc.chain.getBlockHash(n);
    const events = await eventsAt(hash);
    const toShip = [];
    const toConfirm = [];
    const buyers = [];
    for (const { event } of events) {
      if (event.section !== 'orders') continue;
      if (event.method === 'OrderPlaced') {
        const order = event.data.order.toNumber();
        buyers.push([order, event.data.buyer.toString()]);
        toShip.push(order);
        placed += 1;
      } else if (event.method === 'OrderShipped') {
        toConfirm.push(event.data.order.toNumber());
      } else if (event.method === 'OrderReceived') {
        received += 1;
      }
    }
    const txs = [];
    if (wave < waves) {
      txs.push(...places.slice(wave * W, (wave + 1) * W));
      wave += 1;
    }
    for (let i = 0; i < toShip.length; i += 100) {
      const batch = toShip.slice(i, i + 100).map((o) => api.tx.orders.markShipped(o, TRACKING));
      txs.push(api.tx.utility.batch(batch).sign(merchant, { ...offline, nonce: merchantNonce++ }));
    }
    for (const order of toConfirm) {
      if (receipts.has(order)) txs.push(receipts.get(order));
      receipts.delete(order);
    }
    const readMs = Date.now() - started;
    await submit(`block #${n}`, txs, { atNewBlock: false });
    const submittedMs = Date.now() - started;
    // After the block's transactions are in the pool: the receipts of the orders it placed.
    for (const [order, address] of buyers) {
      const buyer = buyerOf.get(address);
      if (buyer) receipts.set(order, api.tx.orders.confirmReceipt(order).sign(buyer.pair, { ...offline, nonce: buyer.nonce }).toHex());
    }
    reactions.push({ n, txs: txs.length, readMs, submitMs: submittedMs - readMs, signMs: Date.now() - started - submittedMs });
  };
  const unsubscribe = await api.rpc.chain.subscribeNewHeads((header) => {
    const n = header.number.toNumber();
    if (lastSeen === 0) lastSeen = n - 1;
    const todo = [];
    for (let k = lastSeen + 1; k <= n; k++) todo.push(k);
    lastSeen = Math.max(lastSeen, n);
    reacting = reacting.then(async () => { for (const k of todo) await react(k); })
      .catch((e) => console.error('pipeline:', e.message));
  });
  const deadline = (waves + afterSales + 10) * slotMs + 60_000;
  const settledIdle = () => blocks.reduce((s, b) => s + (b.evs['orders.OrderSettled@idle'] ?? 0), 0);
  const allSettled = await waitFor(() => wave >= waves && placed > 0 && settledIdle() >= placed, deadline);
  unsubscribe();
  await reacting;

  const sum = (list, key) => list.reduce((s, b) => s + (b.evs[key] ?? 0), 0);
  const steps = ['orders.OrderPlaced', 'orders.OrderShipped', 'orders.OrderReceived', 'orders.OrderSettled@idle'];
  // The steady window: the longest run of consecutive blocks that each carried all four steps.
  const carryingAll = blocks.filter((b) => steps.every((k) => (b.evs[k] ?? 0) > 0)).sort((a, b) => a.n - b.n);
  let steady = [];
  for (let i = 0, run = []; i < carryingAll.length; i++) {
    run = run.length && carryingAll[i].n === run[run.length - 1].n + 1 ? [...run, carryingAll[i]] : [carryingAll[i]];
    if (run.length > steady.length) steady = run;
  }
  const spanMs = spanOf(steady);
  const per = (key) => (spanMs > 0 ? round(sum(steady, key) / (spanMs / 1000)) : 0);
  const pct = (x, of) => round(Number(x * 10_000n / of) / 100);
  const lifeMs = ceilings.placeOrder.weightMs + ceilings.shippedInBatches.weightMs + ceilings.confirmReceipt.weightMs;
  const result = {
    pipeline: {
      offeredPerSecond: round(W / (slotMs / 1000)),
      waves,
      placed,
      received,
      settledByOnIdle: settledIdle(),
      everyOrderSettled: allSettled,
      blocksCarryingAllSteps: carryingAll.length,
      // Whether the node kept its slots under the load, and finality up with it.
      maxBlockIntervalMs: Math.max(0, ...steady.map((b) => b.time - (blocks.find((x) => x.n === b.n - 1)?.time ?? b.time))),
      maxFinalityLag: Math.max(0, ...lags),
      steadyBlocks: steady.length,
      steadySeconds: spanMs / 1000,
      settledPerSecond: per('orders.OrderSettled@idle'),
      placedPerSecond: per('orders.OrderPlaced'),
      shippedPerSecond: per('orders.OrderShipped'),
      receivedPerSecond: per('orders.OrderReceived'),
      // What a block can carry: Normal weight for the three signed steps, the block's whole
      // weight less them and its base for on_idle's settlements (at what on_idle charged).
      normalFullness: steady.map((b) => pct(b.normal, normalMax)),
      blockFullness: steady.map((b) => pct(b.normal + b.mandatory, maxBlock)),
      signedStepsMsPerOrder: round(lifeMs, 3),
      onIdleChargedMsPerOrder: steady.length ? round(Number(steady.reduce((s, b) => s + b.mandatory - baseBlock, 0n)) / 1e9 / sum(steady, 'orders.OrderSettled@idle'), 3) : null,
    },
  };
  // Block by block: [number, signed extrinsics, placed, shipped, received, settled by on_idle,
  // Normal %, block %, and the client's reaction to it: transactions sent, ms reading the
  // block's events, ms submitting, ms signing the receipts of the orders it placed].
  const firstPlaced = blocks.find((b) => (b.evs['orders.OrderPlaced'] ?? 0) > 0);
  result.pipeline.timeline = blocks.filter((b) => firstPlaced && b.n >= firstPlaced.n - 1).map((b) => [b.n, b.signed,
    ...steps.map((k) => b.evs[k] ?? 0), pct(b.normal, normalMax), pct(b.normal + b.mandatory, maxBlock),
    ...(() => { const r = reactions.find((x) => x.n === b.n); return r ? [r.txs, r.readMs, r.submitMs, r.signMs] : []; })()]);
  const p = result.pipeline;
  // Over every block that settled, the drain after the last wave included.
  const settling = blocks.filter((b) => (b.evs['orders.OrderSettled@idle'] ?? 0) > 0).sort((a, b) => a.n - b.n);
  const settlingMs = spanOf(settling);
  p.settledPerSecondWholeRun = settlingMs > 0 ? round(sum(settling, 'orders.OrderSettled@idle') / (settlingMs / 1000)) : 0;
  p.ceilingPerSecond = p.onIdleChargedMsPerOrder
    ? round(Math.min(Number(normalMax) / 1e9 / lifeMs, Number(maxBlock - baseBlock) / 1e9 / (lifeMs + p.onIdleChargedMsPerOrder)) / (slotMs / 1000))
    : null;
  p.ofCeiling = p.ceilingPerSecond ? round(100 * p.settledPerSecond / p.ceilingPerSecond) : null;
  result.transfers = transfers;
  result.settledOverTransfers = transfers.rate ? round(p.settledPerSecond / transfers.rate, 3) : null;
  result.lifecycleOverTransfer = round(lifeCycleMs(ceilings) / ceilings.transfer.weightMs, 2);
  result.settleOverTransfer = round(ceilings.settle.weightMs / ceilings.transfer.weightMs, 2);
  console.log(JSON.stringify({ ceilings, result }));
  return allSettled && placed === waves * W && received === placed && steady.length > 0;
}

main().catch((e) => { console.error(e); process.exit(1); });
