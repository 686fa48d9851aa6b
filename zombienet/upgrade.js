// A runtime upgrade by referendum on a live network, in three calls from 0004-upgrade.zndsl:
//   prepare: builds state of every kind (a settled order with its RWA-NFT staked for dividend
//            shares, an open review round with a committed review, a DSG stake, an open order),
//            snapshots it, and passes `system.authorizeUpgrade(hash of the next runtime)` by a
//            root-track referendum. It then applies the authorized code a little later, in the
//            background, so that the validator the test kills meanwhile misses the upgrade.
//            Returns how many items it snapshotted (8).
//   verify:  the new runtime is in force, every snapshotted item is unchanged, the open order
//            ships and settles and the stake unbonds under it; returns how much spec_version
//            rose (1).
//   follows: (on the killed validator) it imported the upgrade and follows finality again;
//            returns how much the spec_version of its finalized head rose (1).
// The module stays loaded between calls (zombienet requires it once), so they share `state`.
const fs = require('fs');
const { send, until } = require('./lib.js');

const DSG = 10n ** 12n;
const USD = 10n ** 6n;
const USDT = 1984;
const PRICE = 100n * USD;
const STAKE = 150_000n * DSG;
const state = {};


const eventOf = (api, events, section, method) =>
  events.find(({ event }) => event.section === section && event.method === method)?.event;

async function waitForEvent(api, section, method, match, timeoutMs) {
  return new Promise((resolve, reject) => {
    let unsub;
    const timer = setTimeout(() => { if (unsub) unsub(); reject(new Error(`no ${section}.${method} in ${timeoutMs} ms`)); }, timeoutMs);
    api.query.system.events((events) => {
      const hit = events.find(({ event }) => event.section === section && event.method === method && match(event.data));
      if (hit) { clearTimeout(timer); if (unsub) unsub(); resolve(hit.event); }
    }).then((u) => { unsub = u; });
  });
}

async function connect(uri) {
  const { ApiPromise, WsProvider } = zombie;
  const api = await ApiPromise.create({ provider: new WsProvider(uri) });
  await api.isReady;
  return api;
}

function accounts(api) {
  const keyring = new zombie.Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const [alice, bob, charlie, dave, expert] =
    ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve'].map((u) => keyring.addFromUri(u));
  return { alice, bob, charlie, dave, expert };
}

// The items an upgrade must keep, as JSON: none of them changes by itself meanwhile.
async function snapshot(api) {
  const { charlie } = accounts(api);
  const collection = (await api.query.rwa.collection()).unwrap();
  const items = {
    openOrder: await api.query.orders.orders(state.openOrder),
    product: await api.query.orders.products(state.product),
    stake: await api.query.membership.ledger(charlie.address),
    rwaItem: await api.query.rwa.items(state.settledOrder),
    nft: await api.query.nfts.item(collection, state.settledOrder),
    stakedNft: await api.query.dividends.stakedItems(state.settledOrder),
    // The product's review state, with its open round (reviews storage version 2).
    reviewState: await api.query.reviews.productStates(state.product),
    review: await api.query.reviews.roundReviews(state.product, state.round, charlie.address),
  };
  for (const [name, value] of Object.entries(items)) {
    if (value.isEmpty || (value.isNone !== undefined && value.isNone)) throw new Error(`no ${name} to snapshot`);
  }
  return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, v.toJSON()]))));
}

async function prepare(api, networkInfo) {
  const { alice, bob, charlie, dave, expert } = accounts(api);
  const next = process.env.DESPEND_NEXT_RUNTIME;
  if (!next || !fs.existsSync(next)) throw new Error('DESPEND_NEXT_RUNTIME: no next runtime (scripts/build-runtime.sh --next)');
  const code = fs.readFileSync(next);
  state.specBefore = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();

  // Setup only (not the upgrade): a category, and a commit phase long enough that the round
  // stays as it is while the test runs.
  await send(api, api.tx.sudo.sudo(api.tx.utility.batchAll([
    api.tx.orders.createCategory('Tea'),
    api.tx.parameters.setParameter({ Reviews: { CommitPhase: [null, 500] } }),
  ])), alice);
  await Promise.all([
    send(api, api.tx.orders.registerMerchant('bafy-merchant'), bob),
    send(api, api.tx.reviews.registerExpert('bafy-expert'), expert),
    send(api, api.tx.membership.stake(STAKE), charlie),
    send(api, api.tx.membership.stake(1_000n * DSG), alice),
  ]);
  await send(api, api.tx.reviews.publishStandard(0, [{ name: 'taste', weight: 1_000_000_000 }], 'bafy-standard'), expert);
  state.product = (await api.query.orders.nextProductId()).toNumber();
  await send(api, api.tx.orders.listProduct(0, PRICE, 50, [{ WithId: USDT }], null, 0, 'bafy-product'), bob);

  const placed = await Promise.all([charlie, dave].map((buyer) =>
    send(api, api.tx.orders.placeOrder(state.product, 1, { WithId: USDT }, PRICE), buyer)));
  [state.settledOrder, state.openOrder] = placed.map(({ events }) =>
    eventOf(api, events, 'orders', 'OrderPlaced').data.order.toNumber());
  await send(api, api.tx.orders.markShipped(state.settledOrder, '0x' + '11'.repeat(32)), bob);
  const settled = waitForEvent(api, 'orders', 'OrderSettled', (d) => d.order.toNumber() === state.settledOrder, 180_000);
  await send(api, api.tx.orders.confirmReceipt(state.settledOrder), charlie);
  await settled;

  // The settlement minted the RWA-NFT and opened the product's review round.
  await send(api, api.tx.dividends.stakeRwa(state.settledOrder), charlie);
  state.round = (await api.query.reviews.productStates(state.product)).unwrap().openRound.unwrap()[0].toNumber();
  const scores = api.createType('Vec<u8>', [80]);
  const salt = new Uint8Array(32).fill(7);
  const commitment = zombie.util.blake2AsHex(
    api.createType('(Vec<u8>, [u8; 32], AccountId)', [scores, salt, charlie.address]).toU8a(), 256);
  await send(api, api.tx.reviews.commitReview(state.product, commitment, DSG), charlie);
  state.snapshot = await snapshot(api);

  // The upgrade: a root-track referendum authorizes the next runtime's hash.
  const hash = zombie.util.blake2AsHex(code, 256);
  const call = api.tx.system.authorizeUpgrade(hash);
  const submitted = await send(api, api.tx.referenda.submit({ system: 'Root' }, { Inline: call.method.toHex() }, { After: 1 }), alice);
  const index = eventOf(api, submitted.events, 'referenda', 'Submitted').data.index;
  await send(api, api.tx.referenda.placeDecisionDeposit(index), alice);
  await send(api, api.tx.convictionVoting.vote(index, {
    Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: 500_000n * DSG },
  }), alice);
  await until('the upgrade authorized', async () => {
    const authorized = await api.query.system.authorizedUpgrade();
    return authorized.isSome && authorized.unwrap().codeHash.toHex() === hash;
  }, 300_000);

  // Anyone may apply authorized code; it is applied while the killed validator is down.
  state.applied = new Promise((resolve) => setTimeout(resolve, 15_000))
    .then(() => send(api, api.tx.system.applyAuthorizedUpgrade(`0x${code.toString('hex')}`), alice))
    .then(({ blockHash }) => blockHash.toHex(), (e) => { throw e; });
  state.applied.catch(() => {}); // reported by `verify`
  state.api = api;
  return Object.keys(state.snapshot).length;
}

async function verify(api) {
  const { bob, charlie, dave } = accounts(api);
  const appliedIn = await state.applied;
  await until('the new runtime', async () =>
    (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() === state.specBefore + 1, 120_000);
  const upgrade = await api.query.system.lastRuntimeUpgrade();
  if (upgrade.unwrap().specVersion.toNumber() !== state.specBefore + 1) throw new Error(`lastRuntimeUpgrade: ${upgrade}`);
  if ((await api.query.system.authorizedUpgrade()).isSome) throw new Error('the authorization outlived the upgrade');

  const now = await snapshot(api);
  for (const [name, before] of Object.entries(state.snapshot)) {
    if (JSON.stringify(before) !== JSON.stringify(now[name])) {
      throw new Error(`${name} changed across the upgrade (applied in ${appliedIn}):\n${JSON.stringify(before)}\n${JSON.stringify(now[name])}`);
    }
  }

  // The open order goes through its life cycle under the new runtime.
  await send(api, api.tx.orders.markShipped(state.openOrder, '0x' + '22'.repeat(32)), bob);
  const settled = waitForEvent(api, 'orders', 'OrderSettled', (d) => d.order.toNumber() === state.openOrder, 180_000);
  await send(api, api.tx.orders.confirmReceipt(state.openOrder), dave);
  await settled;

  // The stake unbonds and is withdrawn.
  await send(api, api.tx.membership.unstake(STAKE), charlie);
  const unlockAt = (await api.query.membership.ledger(charlie.address)).unwrap().unlocking[0].unlockAt.toNumber();
  await until('the unbonding period over', async () =>
    (await api.rpc.chain.getHeader()).number.toNumber() + 1 >= unlockAt, 180_000);
  const { events } = await send(api, api.tx.membership.withdrawUnbonded(), charlie);
  const withdrawn = eventOf(api, events, 'membership', 'Withdrawn');
  if (!withdrawn || withdrawn.data.amount.toBigInt() !== STAKE) throw new Error(`withdrew ${withdrawn?.data.amount}`);
  if ((await api.query.membership.ledger(charlie.address)).isSome) throw new Error('a ledger is left after withdrawing it all');

  // Block times around the upgrade, for docs/measurements.md.
  const upgradeBlock = (await api.rpc.chain.getHeader(appliedIn)).number.toNumber();
  const times = [];
  for (let n = upgradeBlock - 2; n <= upgradeBlock + 3; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    times.push({ n, t: (await api.query.timestamp.now.at(hash)).toNumber() });
  }
  console.log(`upgrade applied in block #${upgradeBlock}; block intervals (ms) around it: ${
    times.slice(1).map((b, i) => `#${b.n}: ${b.t - times[i].t}`).join(', ')}`);

  // Finality goes on.
  const finalized = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const from = await finalized();
  await until('finality after the upgrade', async () => (await finalized()) >= from + 3, 120_000);
  state.finalizedAfter = await finalized();
  return (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() - state.specBefore;
}

async function follows(api) {
  const head = async () => {
    const hash = await api.rpc.chain.getFinalizedHead();
    return { hash, number: (await api.rpc.chain.getHeader(hash)).number.toNumber() };
  };
  await until('the restarted validator at the network\'s finality', async () => (await head()).number >= state.finalizedAfter, 300_000);
  return (await api.rpc.state.getRuntimeVersion((await head()).hash)).specVersion.toNumber() - state.specBefore;
}

async function run(nodeName, networkInfo, args) {
  const mode = args[0];
  const api = await connect(networkInfo.nodesByName[nodeName].wsUri);
  try {
    if (mode === 'prepare') return await prepare(api, networkInfo);
    if (mode === 'verify') return await verify(api);
    if (mode === 'follows') return await follows(api);
    throw new Error(`unknown mode ${mode}`);
  } finally {
    // The background upgrade uses prepare's connection; verify closes it.
    if (mode !== 'prepare') {
      await api.disconnect();
      if (mode === 'verify' && state.api) await state.api.disconnect();
    }
  }
}

module.exports = { run };
