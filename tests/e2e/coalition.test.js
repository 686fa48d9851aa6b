// Self-dealing on a real dev chain: one owner plays every role of a sale with many accounts
// (merchant, expert, both promoters, an elite shareholder, three buyers who are the round's
// only reviewers and stake their RWA-NFTs) and buys from itself. Every fee is really paid.
// Valued at the oracle price, the owner ends poorer than it started.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, sendAndFinalize } from './lib/node.js';
import { EventLog } from './lib/events.js';

const DSG = 10n ** 12n;
const USD = 10n ** 6n;
const USDT = 1984;
const USDT_ASSET = { WithId: USDT };
const PRICE = 100n * USD;
const FIXED = 10n ** 18n;

describe('a coalition that trades with itself ends poorer', () => {
  let chain, api, log, alice;
  let owner; // role -> key pair
  const roles = ['merchant', 'expert', 'direct', 'indirect', 'shareholder', 'buyer1', 'buyer2', 'buyer3'];
  const buyers = () => ['buyer1', 'buyer2', 'buyer3'].map((r) => owner[r]);

  const ok = async (tx, signer) => {
    const r = await sendAndFinalize(api, tx, signer);
    assert.equal(r.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${JSON.stringify(r.dispatchError)}`);
    return r;
  };

  /** The owner's wealth in USD units (6 decimals): DSG of every kind at the oracle price,
   * USDT and USDC, and the dividends it may claim or has queued. */
  const wealth = async () => {
    const price = (await api.query.parameters.parameters({ Oracle: 'DsgUsdPrice' }));
    const usdPerDsg = price.isSome ? price.unwrap().asOracle.asDsgUsdPrice.toBigInt() : FIXED / 10n;
    const dsgUsd = (planck) => planck * usdPerDsg / FIXED / 10n ** 6n;
    let total = 0n;
    for (const who of Object.values(owner)) {
      const account = (await api.query.system.account(who.address)).data;
      total += dsgUsd(account.free.toBigInt() + account.reserved.toBigInt());
      for (const id of [USDT, 1337]) {
        const asset = await api.query.assets.account(id, who.address);
        if (asset.isSome) total += asset.unwrap().balance.toBigInt();
      }
      for (const list of [await api.call.despendApi.pendingIncome(who.address),
        await api.call.despendApi.queuedWithdrawals(who.address)]) {
        for (const [asset, amount] of list) {
          total += asset.isNative ? dsgUsd(amount.toBigInt()) : amount.toBigInt();
        }
      }
    }
    return total;
  };

  before(async () => {
    await cryptoWaitReady();
    chain = await startDevNode();
    api = chain.api;
    log = new EventLog(api);
    await log.start();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    alice = keyring.addFromUri('//Alice');
    owner = Object.fromEntries(roles.map((r) => [r, keyring.addFromUri(`//Owner//${r}`)]));
  });
  after(async () => {
    if (log) log.stop();
    if (chain) await chain.stop();
  });

  it('funds the accounts and sets up the shop, the standard, the promoters and the stake', async () => {
    await ok(api.tx.utility.batchAll([
      ...Object.entries(owner).flatMap(([role, who]) => [
        api.tx.balances.transferKeepAlive(who.address, (role === 'shareholder' ? 150_000n : 50_000n) * DSG),
        api.tx.assets.transfer(USDT, who.address, 10_000n * USD),
      ]),
      api.tx.sudo.sudo(api.tx.orders.createCategory('Owner tea')),
    ]), alice);
    const category = (await api.query.orders.nextCategoryId()).toNumber() - 1;
    const standard = (await api.query.reviews.nextStandardId()).toNumber();
    await Promise.all([
      ok(api.tx.reviews.registerExpert('bafy-owner-expert'), owner.expert),
      ok(api.tx.orders.registerMerchant('bafy-owner-shop'), owner.merchant),
      ok(api.tx.referrals.bindPromoter(owner.indirect.address), owner.direct),
      ok(api.tx.membership.stake(100_000n * DSG), owner.shareholder),
    ]);
    await ok(api.tx.reviews.publishStandard(category, [
      { name: 'taste', weight: 600_000_000 }, { name: 'aroma', weight: 400_000_000 },
    ], 'bafy-owner-standard'), owner.expert);
    await Promise.all(buyers().map((b) => ok(api.tx.referrals.bindPromoter(owner.direct.address), b)));
    await ok(api.tx.orders.listProduct(category, PRICE, 100, [USDT_ASSET], null, standard, 'bafy-owner-tea'), owner.merchant);
  });

  it('buys from itself, reviews alone, stakes the NFTs, and is poorer after it all', async () => {
    const product = (await api.query.orders.nextProductId()).toNumber() - 1;
    const start = await wealth();
    const fromBlock = (await api.rpc.chain.getHeader()).number.toNumber();

    const placed = await Promise.all(buyers().map((b) => ok(api.tx.orders.placeOrder(product, 1, USDT_ASSET, PRICE), b)));
    const orders = placed.map((r) => r.events.find(({ event }) => api.events.orders.OrderPlaced.is(event)).event.data.order.toNumber());
    await ok(api.tx.utility.batchAll(orders.map((o, i) => api.tx.orders.markShipped(o, u8aToHex(blake2AsU8a(`OWNER-${i}`))))), owner.merchant);
    await Promise.all(buyers().map((b, i) => ok(api.tx.orders.confirmReceipt(orders[i]), b)));
    await Promise.all(orders.map((o) => log.waitFor('orders', 'OrderSettled', (d) => d.order.toNumber() === o)));
    await Promise.all(buyers().map((b, i) => ok(api.tx.dividends.stakeRwa(orders[i]), b)));

    // The three buyers are the round's only reviewers and agree with each other.
    const scores = [95, 95];
    const salt = new Uint8Array(32).fill(5);
    const commitment = (who) => u8aToHex(blake2AsU8a(api.createType('(Vec<u8>, [u8; 32], AccountId)',
      [scores, salt, who.address]).toU8a(), 256));
    await Promise.all(buyers().map((b) => ok(api.tx.reviews.commitReview(product, commitment(b), DSG), b)));
    for (let tries = 0; ; tries++) {
      const r = await sendAndFinalize(api, api.tx.reviews.revealReview(product, scores, u8aToHex(salt)), owner.buyer1);
      if (!r.dispatchError) break;
      assert.equal(r.dispatchError.name, 'RevealPhaseNotStarted', JSON.stringify(r.dispatchError));
      assert.ok(tries < 40, 'the reveal phase never came');
    }
    await Promise.all([owner.buyer2, owner.buyer3].map((b) =>
      ok(api.tx.reviews.revealReview(product, scores, u8aToHex(salt)), b)));
    await log.waitFor('reviews', 'RoundClosed', (d) => d.product.toNumber() === product, 300_000);

    // Everything the coalition got: merchant part, expert share, the reviewers' pool,
    // commissions, mined DSG, dividends (claimable); and every fee it paid.
    const mined = log.find('mining', 'Mined', (d) => buyers().some((b) => b.address === d.who.toString()));
    assert.equal(mined.length, 3, 'every buyer mined: the run is not vacuous');
    const reviewed = log.find('reviews', 'ReviewerRewarded', (d) => d.product.toNumber() === product);
    assert.equal(reviewed.length, 3, 'the reviewers took their pool back');
    const fees = log.find('transactionPayment', 'TransactionFeePaid', (d) =>
      Object.values(owner).some((w) => w.address === d.who.toString()));
    assert.ok(fees.length >= 15, 'the owner paid its transactions');
    assert.ok(log.records.some((r) => r.block > fromBlock));
    const end = await wealth();
    assert.ok(end < start, `the owner went from ${start} to ${end} USD units`);
  });
});
