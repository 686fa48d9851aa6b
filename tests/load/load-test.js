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
//
//   node load/load-test.js --url ws://127.0.0.1:9944 --senders 8000 --signed 1000 --phase-timeout 120
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, digits = 1) => Number(x.toFixed(digits));

async function main() {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(URL), noInitWarn: true });
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
        for (const { event, phase } of events) {
          // Settlements by a transaction and by `on_idle` (which runs as the block finalizes).
          const where = phase.isApplyExtrinsic ? '' : '@idle';
          const key = `${event.section}.${event.method}${where}`;
          evs[key] = (evs[key] ?? 0) + 1;
          if (key === 'orders.OrderPlaced') orderOfBuyer.set(event.data.buyer.toString(), event.data.order.toNumber());
          if (key === 'orders.OrderReceived') receivedAt.set(event.data.order.toNumber(), n);
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
    const first = carrying[0];
    const last = carrying[carrying.length - 1];
    const before = blocks.find((b) => first && b.n === first.n - 1);
    const spanMs = first && last ? last.time - (before ? before.time : first.time - slotMs) : 0;
    const rate = spanMs > 0 ? done / (spanMs / 1000) : 0;
    const fullness = carrying.length
      ? carrying.reduce((s, b) => s + Number(b.normal * 10_000n / normalMax) / 100, 0) / carrying.length : 0;
    const result = { phase: name, done, blocks: carrying.length, seconds: spanMs / 1000, rate: round(rate), fullness: round(fullness), ...extra };
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
        api.rpc.author.submitExtrinsic(tx).then(() => { ok += 1; }, (e) => console.error(`${name} submit: ${e.message}`))));
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
    return result;
  };

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
  const lifeMs = ceilings.placeOrder.weightMs + ceilings.markShipped.weightMs + ceilings.confirmReceipt.weightMs + ceilings.settle.weightMs;
  const lifeQueryMs = ceilings.placeOrder.queryMs + ceilings.markShipped.queryMs + ceilings.confirmReceipt.queryMs + ceilings.settle.queryMs;
  // A whole purchase at a time: the chain's time per order is the sum of its phases' times.
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
    ordersPerSecondOverTransfers: results.transfers.rate ? round(results.settledIdle.rate / results.transfers.rate, 3) : null,
  };
  console.log(JSON.stringify({ ceilings, results, summary }));
  await api.disconnect();
}

main().catch((e) => { console.error(e); process.exit(1); });
