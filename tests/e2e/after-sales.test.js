// After-sales on a real dev node, through polkadot.js (issue 3): a buyer cancels an unshipped
// order; a merchant accepts a refund; a merchant rejects one, the buyer disputes it and
// arbitration splits the payment. Every path ends with the money where the rules put it and
// no order left holding funds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, sendAndFinalize } from './lib/node.js';

const USD = 10n ** 6n;
const USDT = 1984;
const USDT_ASSET = { WithId: USDT };
const PRICE = 40n * USD;
const HALF = 500_000_000; // Perbill

describe('after-sales: cancel, refund, dispute', () => {
  let chain, api, keyring;
  let alice, bob, charlie, dave;
  let product;

  const ok = async (tx, signer) => {
    const r = await sendAndFinalize(api, tx, signer);
    assert.equal(r.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${JSON.stringify(r.dispatchError)}`);
    return r;
  };
  const event = (result, method) =>
    result.events.find(({ event: e }) => e.section === 'orders' && e.method === method)?.event;
  const usdt = async (who) => {
    const account = await api.query.assets.account(USDT, who.address);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  // What the escrow account keeps for open orders: its USDT beyond its own minimum.
  const escrowed = async () => {
    const escrow = api.consts.orders.escrowAccount.toString();
    const kept = (await api.query.assets.account(USDT, escrow)).unwrap().balance.toBigInt();
    return kept - (await api.query.assets.asset(USDT)).unwrap().minBalance.toBigInt();
  };
  const tracking = (text) => u8aToHex(blake2AsU8a(text));
  const place = async (buyer) => {
    const r = await ok(api.tx.orders.placeOrder(product, 1, USDT_ASSET, PRICE), buyer);
    return event(r, 'OrderPlaced').data.order.toNumber();
  };

  before(async () => {
    await cryptoWaitReady();
    chain = await startDevNode();
    api = chain.api;
    keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    await Promise.all([
      ok(api.tx.sudo.sudo(api.tx.orders.createCategory('Shoes')), alice),
      ok(api.tx.orders.registerMerchant('bafy-shoe-shop'), bob),
    ]);
    product = (await api.query.orders.nextProductId()).toNumber();
    await ok(api.tx.orders.listProduct(0, PRICE, 10, [USDT_ASSET], null, null, 'bafy-sneaker'), bob);
  });
  after(async () => {
    if (chain) await chain.stop();
  });

  it('the buyer cancels an order that was not shipped: payment and stock come back', async () => {
    const before = await usdt(charlie);
    const stock = (await api.query.orders.products(product)).unwrap().stock.toNumber();
    const order = await place(charlie);
    assert.equal(await escrowed(), PRICE);

    // Only the buyer may cancel before the ship deadline: a clear, named refusal.
    const refused = await sendAndFinalize(api, api.tx.orders.cancelOrder(order), dave);
    assert.equal(refused.dispatchError?.name, 'NotBuyer');
    assert.equal(await escrowed(), PRICE, 'the refused call changed nothing');

    const r = await ok(api.tx.orders.cancelOrder(order), charlie);
    assert.equal(event(r, 'OrderCancelled').data.order.toNumber(), order);
    assert.equal(await usdt(charlie), before);
    assert.equal(await escrowed(), 0n);
    assert.equal((await api.query.orders.products(product)).unwrap().stock.toNumber(), stock);
    assert.ok((await api.query.orders.orders(order)).isNone, 'a closed order leaves storage');
  });

  it('the merchant accepts a refund of a shipped order: the buyer gets everything back', async () => {
    const before = await usdt(dave);
    const merchantBefore = await usdt(bob);
    const order = await place(dave);
    await ok(api.tx.orders.markShipped(order, tracking('PARCEL-1')), bob);
    await ok(api.tx.orders.requestRefund(order, tracking('wrong size')), dave);

    // The buyer cannot answer his own request.
    const refused = await sendAndFinalize(api, api.tx.orders.acceptRefund(order), dave);
    assert.equal(refused.dispatchError?.name, 'NotOrderMerchant');

    const r = await ok(api.tx.orders.acceptRefund(order), bob);
    assert.equal(event(r, 'OrderRefunded').data.amount.toBigInt(), PRICE);
    assert.equal(await usdt(dave), before);
    assert.equal(await usdt(bob), merchantBefore, 'a refunded order pays the merchant nothing');
    assert.equal(await escrowed(), 0n);
  });

  it('a rejected refund goes to arbitration, which splits the payment', async () => {
    const before = await usdt(charlie);
    const merchantBefore = await usdt(bob);
    const order = await place(charlie);
    await ok(api.tx.orders.markShipped(order, tracking('PARCEL-2')), bob);
    await ok(api.tx.orders.requestRefund(order, tracking('arrived torn')), charlie);
    const rejected = await ok(api.tx.orders.rejectRefund(order), bob);
    assert.ok(event(rejected, 'RefundRejected'));
    const disputed = await ok(api.tx.orders.openDispute(order), charlie);
    assert.ok(event(disputed, 'DisputeOpened'));
    const status = (await api.query.orders.orders(order)).unwrap().status;
    assert.ok(status.isDisputed, `order is disputed: ${status.toString()}`);

    // Arbitration (root on the dev chain; the arbitration track in production) rules 50/50.
    const ruled = await ok(api.tx.sudo.sudo(api.tx.orders.ruleDispute(order, HALF)), alice);
    const sudid = ruled.events.find(({ event: e }) => api.events.sudo.Sudid.is(e)).event;
    assert.ok(sudid.data.sudoResult.isOk, `ruling dispatched: ${sudid.data.sudoResult.toString()}`);
    const ruling = event(ruled, 'DisputeRuled');
    assert.equal(ruling.data.refunded.toBigInt(), PRICE / 2n);
    // A buyer awarded half or more wins: the merchant loses its deposit.
    assert.equal(ruling.data.loser.toString(), bob.address);
    const settled = event(ruled, 'OrderSettled');
    assert.equal(settled.data.saleAmount.toBigInt(), PRICE / 2n, 'the rest settles as a sale');

    assert.equal(await usdt(charlie), before - PRICE / 2n);
    const merchantPart = settled.data.parts.merchant.toBigInt();
    assert.ok(merchantPart > 0n && merchantPart < PRICE / 2n, 'the merchant is paid its part of the rest');
    assert.equal(await usdt(bob), merchantBefore + merchantPart);
    assert.equal(await escrowed(), 0n);
    assert.ok((await api.query.orders.orders(order)).isNone);
  });
});
