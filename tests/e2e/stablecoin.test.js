// A shopper who holds only a stablecoin shops end to end on a real dev node, paying every fee
// in that stablecoin (`signAndSend(pair, { assetId })`): order, receipt, a refund request, a
// promoter, a review, an RWA-NFT listed and sold, and a swap to DSG for a discounted DSG order.
// Its DSG balance is exactly what it mined or swapped for.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, sendAndFinalize } from './lib/node.js';
import { EventLog } from './lib/events.js';

const DSG = 10n ** 12n;
const USD = 10n ** 6n;
const USDT = { WithId: 1984 };
const USDC = { WithId: 1337 };
const PRICE = 50n * USD;

describe('a stablecoin-only shopper', () => {
  let chain, api, log, keyring, alice, bob;
  let product;

  const dsgOf = async (who) => {
    const { free, reserved } = (await api.query.system.account(who.address)).data;
    return free.toBigInt() + reserved.toBigInt();
  };
  const assetOf = async (id, who) => {
    const account = await api.query.assets.account(id.WithId, who.address);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  /** Sends `tx` from `who`, paying the fee in `asset`; asserts success and the fee event. */
  const payIn = async (asset, tx, who) => {
    const r = await sendAndFinalize(api, tx, who, 120_000, { assetId: asset });
    assert.equal(r.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${JSON.stringify(r.dispatchError)}`);
    const paid = r.events.find(({ event }) => api.events.assetTxPayment.AssetTxFeePaid.is(event));
    assert.ok(paid, `${tx.method.method}: the fee was paid in an asset`);
    assert.equal(paid.event.data.who.toString(), who.address);
    const named = paid.event.data.assetId;
    assert.ok(named.isWithId && named.asWithId.toNumber() === asset.WithId, `paid in ${named.toString()}`);
    return r;
  };
  const ok = async (tx, who) => {
    const r = await sendAndFinalize(api, tx, who);
    assert.equal(r.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${JSON.stringify(r.dispatchError)}`);
    return r;
  };
  const eventOf = (r, section, method) => r.events.find(({ event }) => api.events[section][method].is(event))?.event;

  before(async () => {
    await cryptoWaitReady();
    chain = await startDevNode();
    api = chain.api;
    log = new EventLog(api);
    await log.start();
    keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    [alice, bob] = ['//Alice', '//Bob'].map((u) => keyring.addFromUri(u));
  });
  after(async () => {
    if (log) log.stop();
    if (chain) await chain.stop();
  });

  it('the dev chain starts with DSG pools of both stablecoins at the oracle price', async () => {
    for (const asset of [USDT, USDC]) {
      const reserves = await api.call.assetConversionApi.getReserves('Native', asset);
      assert.ok(reserves.isSome, 'the pool exists');
      const [dsg, usd] = reserves.unwrap();
      assert.equal(dsg.toBigInt() / DSG, 10n * (usd.toBigInt() / USD), '0.10 USD per DSG');
    }
    // A shop page can show what 10 USDT buys.
    const quote = await api.call.despendApi.swapQuote(USDT, 10n * USD);
    assert.ok(quote.isSome && quote.unwrap().toBigInt() > 99n * DSG && quote.unwrap().toBigInt() < 100n * DSG);
    await ok(api.tx.utility.batchAll([
      api.tx.sudo.sudo(api.tx.orders.createCategory('Socks')),
    ]), alice);
    await ok(api.tx.orders.registerMerchant('bafy-bob'), bob);
    product = (await api.query.orders.nextProductId()).toNumber();
    await ok(api.tx.orders.listProduct(0, PRICE, 100, [USDT, USDC, 'Native'], null, null, 'bafy-socks'), bob);
  });

  for (const [name, asset] of [['USDT', USDT], ['USDC', USDC]]) {
    it(`pays every fee in ${name}: order, receipt, refund request, promoter, review, RWA-NFT`, async () => {
      const shopper = keyring.addFromUri(`//Shopper//${name}`);
      const friend = keyring.addFromUri(`//Friend//${name}`);
      await ok(api.tx.utility.batchAll([
        api.tx.assets.transfer(asset.WithId, shopper.address, 150n * USD),
        api.tx.assets.transfer(asset.WithId, friend.address, 150n * USD),
      ]), alice);
      assert.equal(await dsgOf(shopper), 0n, 'no DSG at all');
      const nonce = await api.rpc.system.accountNextIndex(shopper.address);
      assert.equal(nonce.toNumber(), 0, 'the node takes a DeSpend address');

      // The wallet asks what the first transaction costs in the stablecoin, then sends it.
      const place = api.tx.orders.placeOrder(product, 1, asset, PRICE);
      await place.signAsync(shopper, { assetId: asset });
      // The encoded extrinsic, as hex (polkadot.js reads a Uint8Array as length-prefixed).
      const feeQuote = await api.call.despendApi.feeInAsset(place.toHex(), asset);
      assert.ok(feeQuote.isSome && feeQuote.unwrap().toBigInt() > 0n);
      // Bytes that are more than one extrinsic are refused, not quoted for a part of them.
      assert.ok((await api.call.despendApi.feeInAsset(place.toHex() + '00', asset)).isNone);
      const before = await assetOf(asset, shopper);
      const placed = await payIn(asset, api.tx.orders.placeOrder(product, 1, asset, PRICE), shopper);
      const order = eventOf(placed, 'orders', 'OrderPlaced').data.order.toNumber();
      const fee = eventOf(placed, 'assetTxPayment', 'AssetTxFeePaid').data.actualFee.toBigInt();
      assert.equal(await assetOf(asset, shopper), before - PRICE - fee);
      assert.ok(fee <= feeQuote.unwrap().toBigInt(), 'the refund of unused weight makes it no dearer');

      // A second order asks for a refund before receipt.
      const second = eventOf(await payIn(asset, api.tx.orders.placeOrder(product, 1, asset, PRICE), shopper), 'orders', 'OrderPlaced').data.order.toNumber();
      await ok(api.tx.utility.batchAll([
        api.tx.orders.markShipped(order, u8aToHex(blake2AsU8a(`T-${name}-1`))),
        api.tx.orders.markShipped(second, u8aToHex(blake2AsU8a(`T-${name}-2`))),
      ]), bob);
      await payIn(asset, api.tx.orders.requestRefund(second, u8aToHex(blake2AsU8a('too small'))), shopper);
      await ok(api.tx.orders.acceptRefund(second), bob);
      await payIn(asset, api.tx.orders.confirmReceipt(order), shopper);
      await log.waitFor('orders', 'OrderSettled', (d) => d.order.toNumber() === order);
      const mined = log.find('mining', 'Mined', (d) => d.who.toString() === shopper.address);
      assert.equal(mined.length, 1, 'the shopper mined DSG');
      const minedDsg = mined[0].data.amount.toBigInt();
      assert.equal(await dsgOf(shopper), minedDsg, 'its DSG is exactly what it mined');

      // With mined DSG it binds a promoter (the 1 DSG deposit is held, not spent) and reviews.
      await payIn(asset, api.tx.referrals.bindPromoter(alice.address), shopper);
      const scores = [77];
      const salt = new Uint8Array(32).fill(4);
      const commitment = u8aToHex(blake2AsU8a(api.createType('(Vec<u8>, [u8; 32], AccountId)', [scores, salt, shopper.address]).toU8a(), 256));
      await payIn(asset, api.tx.reviews.commitReview(product, commitment, DSG), shopper);
      for (let tries = 0; ; tries++) {
        const r = await sendAndFinalize(api, api.tx.reviews.revealReview(product, scores, u8aToHex(salt)), shopper, 120_000, { assetId: asset });
        if (!r.dispatchError) break;
        assert.equal(r.dispatchError.name, 'RevealPhaseNotStarted', JSON.stringify(r.dispatchError));
        assert.ok(tries < 40, 'the reveal phase never came');
      }

      // The RWA-NFT of the order is listed in the stablecoin and a friend buys it with it.
      await payIn(asset, api.tx.rwa.list(order, asset, 5n * USD), shopper);
      const friendBefore = await assetOf(asset, friend);
      await payIn(asset, api.tx.rwa.buy(order, 5n * USD), friend);
      const collection = (await api.query.rwa.collection()).unwrap();
      assert.equal((await api.query.nfts.item(collection, order)).unwrap().owner.toString(), friend.address);
      assert.ok(await assetOf(asset, friend) < friendBefore - 5n * USD + 1n);

      // Dividends: the shopper holds no share, and is told so (its fee still paid in the coin).
      const claim = await sendAndFinalize(api, api.tx.dividends.claim(), shopper, 120_000, { assetId: asset });
      assert.equal(claim.dispatchError?.name, 'NotAShareholder');
      // Its DSG: the mined amount, part of it held (binding deposit, review bond), none spent.
      assert.equal(await dsgOf(shopper), minedDsg);
    });
  }

  it('swaps USDT for DSG and pays a DSG order with the DSG discount', async () => {
    const shopper = keyring.addFromUri('//Swapper');
    await ok(api.tx.assets.transfer(1984, shopper.address, 100n * USD), alice);
    const quote = (await api.call.despendApi.swapQuote(USDT, 50n * USD)).unwrap().toBigInt();
    // The fee itself is bought on the same pool first, so allow the price to move a little.
    const swapped = await payIn(USDT, api.tx.assetConversion.swapExactTokensForTokens(
      [USDT, 'Native'], 50n * USD, quote * 999n / 1000n, shopper.address, true), shopper);
    assert.ok(eventOf(swapped, 'assetConversion', 'SwapExecuted'));
    const got = await dsgOf(shopper);
    assert.ok(got <= quote && got >= quote * 999n / 1000n, `the swap gave ${got} of the ${quote} quoted`);
    const orderQuote = await api.call.despendApi.orderQuote(shopper.address, product, 1, 'Native');
    assert.ok(orderQuote.isOk);
    assert.equal(orderQuote.asOk.amountUsd.toBigInt(), PRICE * 95n / 100n, 'the 5% DSG discount');
    const placed = await payIn(USDT, api.tx.orders.placeOrder(product, 1, 'Native', orderQuote.asOk.amount), shopper);
    const ev = eventOf(placed, 'orders', 'OrderPlaced');
    assert.equal(ev.data.amountUsd.toBigInt(), PRICE * 95n / 100n);
    assert.equal(await dsgOf(shopper), got - orderQuote.asOk.amount.toBigInt(),
      'the DSG went to the escrow account, the fee came out of USDT');
  });
});
