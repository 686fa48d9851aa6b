// The shopping journey of issues 3-6 on a real dev node, through polkadot.js: a merchant sells
// a product under an expert's quality standard; an elite member (K13) and an ordinary buyer
// buy it in USDT; settlement pays the merchant, mines DSG by tier, pays two promoters, mints
// RWA-NFTs and feeds the dividend pool and the product's review round; the buyers review it,
// the round finalizes and pays each reviewer its own share, and the product's score is on chain.
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
const PERBILL = 1_000_000_000n;

describe('shopping pays the buyer back in ownership', () => {
  let chain, api, log, keyring;
  let alice, bob, charlie, dave, eve, ferdie, expert;
  const orders = {}; // buyer name -> order id
  let product;

  const ok = async (tx, signer) => {
    const r = await sendAndFinalize(api, tx, signer);
    assert.equal(r.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${JSON.stringify(r.dispatchError)}`);
    return r;
  };
  const sudo = (call) => api.tx.sudo.sudo(call);
  const usdt = async (who) => {
    const account = await api.query.assets.account(USDT, who.address);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  const bigint = (x) => BigInt(x.toString());
  const scores = { charlie: [80, 70], dave: [84, 66] };
  const salts = { charlie: new Uint8Array(32).fill(1), dave: new Uint8Array(32).fill(2) };
  const commitment = (name, who) => u8aToHex(blake2AsU8a(api.createType('(Vec<u8>, [u8; 32], AccountId)',
    [scores[name], salts[name], who.address]).toU8a(), 256));

  before(async () => {
    await cryptoWaitReady();
    chain = await startDevNode();
    api = chain.api;
    log = new EventLog(api);
    await log.start();
    keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    [alice, bob, charlie, dave, eve, ferdie, expert] =
      ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie', '//Alice//stash'].map((u) => keyring.addFromUri(u));
  });
  after(async () => {
    if (log) log.stop();
    if (chain) await chain.stop();
  });

  it('sets up: a category, a merchant, an expert standard, promoters and an elite member', async () => {
    // A DSG price at which the tier bonus shows (rewards stay under the treasury bound), and
    // a review quorum of the two buyers of this test.
    const price = 5n * 10n ** 16n; // 0.05 USD per DSG, FixedU128
    await Promise.all([
      ok(sudo(api.tx.utility.batchAll([
        api.tx.orders.createCategory('Tea'),
        api.tx.parameters.setParameter({ Oracle: { DsgUsdPrice: [null, price] } }),
        api.tx.parameters.setParameter({ Reviews: { MinRevealers: [null, 2] } }),
      ])), alice),
      ok(api.tx.orders.registerMerchant('bafy-merchant-profile'), bob),
      ok(api.tx.reviews.registerExpert('bafy-expert-profile'), expert),
      ok(api.tx.referrals.bindPromoter(ferdie.address), eve),
      ok(api.tx.membership.stake(150_000n * DSG), charlie),
    ]);
    await Promise.all([
      ok(api.tx.referrals.bindPromoter(eve.address), charlie),
      ok(api.tx.reviews.publishStandard(0, [
        { name: 'taste', weight: 600_000_000 },
        { name: 'aroma', weight: 400_000_000 },
      ], 'bafy-tea-standard'), expert),
    ]);
    product = (await api.query.orders.nextProductId()).toNumber();
    await ok(api.tx.orders.listProduct(0, PRICE, 50, [USDT_ASSET, 'Native'], null, 0, 'bafy-oolong'), bob);
    const info = (await api.query.orders.products(product)).unwrap();
    assert.equal(info.qualityStandard.unwrap().toNumber(), 0);
    assert.equal(bigint(info.experienceFee), 150_000_000n, 'the default experience fee is 15%');
    const ledger = await api.query.membership.ledger(charlie.address);
    assert.equal(ledger.unwrap().active.toBigInt(), 150_000n * DSG);
  });

  it('two buyers order in USDT and the payment goes to the escrow account', async () => {
    // Wallets ask the runtime API what an order takes before they sign it.
    const quote = await api.call.despendApi.orderQuote(charlie.address, product, 1, USDT_ASSET);
    assert.ok(quote.isOk, `quote: ${quote.toString()}`);
    const unknown = await api.call.despendApi.orderQuote(charlie.address, 999_999, 1, USDT_ASSET);
    assert.ok(unknown.isErr && unknown.asErr.isModule, `unknown product: ${unknown.toString()}`);
    const before = await usdt(charlie);
    const escrow = api.consts.orders.escrowAccount.toString();
    const escrowed = async () => (await api.query.assets.account(USDT, escrow)).unwrap().balance.toBigInt();
    const escrowBefore = await escrowed();
    const placed = await Promise.all([charlie, dave].map((buyer) =>
      ok(api.tx.orders.placeOrder(product, 1, USDT_ASSET, PRICE), buyer)));
    for (const [i, name] of ['charlie', 'dave'].entries()) {
      const ev = placed[i].events.find(({ event }) => api.events.orders.OrderPlaced.is(event));
      orders[name] = ev.event.data.order.toNumber();
    }
    assert.equal(await usdt(charlie), before - PRICE);
    assert.equal(quote.asOk.amount.toBigInt(), before - (await usdt(charlie)), 'the quote is what was taken');
    assert.equal(await escrowed(), escrowBefore + 2n * PRICE, 'the escrow keeps both payments');
  });

  it('ships, confirms, and settles: the merchant is paid and the split adds up', async () => {
    const bobBefore = await usdt(bob);
    const promoterBefore = { eve: await usdt(eve), ferdie: await usdt(ferdie) };
    await ok(api.tx.utility.batchAll([
      api.tx.orders.markShipped(orders.charlie, u8aToHex(blake2AsU8a('TRACK-1'))),
      api.tx.orders.markShipped(orders.dave, u8aToHex(blake2AsU8a('TRACK-2'))),
    ]), bob);
    await Promise.all([
      ok(api.tx.orders.confirmReceipt(orders.charlie), charlie),
      ok(api.tx.orders.confirmReceipt(orders.dave), dave),
    ]);
    // Nobody calls `settle`: on_idle does it once the after-sales window has passed.
    const settled = await Promise.all(Object.values(orders).map((id) =>
      log.waitFor('orders', 'OrderSettled', (d) => d.order.toNumber() === id)));
    let merchantTotal = 0n;
    for (const { data } of settled) {
      const p = data.parts;
      const part = (k) => p[k].toBigInt();
      assert.equal(part('merchant') + part('experienceFee') + part('communityFee'), PRICE, 'S = merchant + E + C');
      assert.equal(part('experts') + part('reviewers') + part('platform'), part('experienceFee'));
      assert.equal(part('commissions') + part('dividendShare') + part('treasury'), part('platform'));
      assert.equal(part('experienceFee'), PRICE * 15n / 100n);
      assert.equal(part('communityFee'), PRICE * 6n / 1000n);
      merchantTotal += part('merchant');
    }
    assert.equal(await usdt(bob), bobBefore + merchantTotal);

    // Promoters: 20% (direct) and 10% (indirect) of Charlie's order's platform revenue.
    const platform = settled.find((e) => e.data.order.toNumber() === orders.charlie).data.parts.platform.toBigInt();
    assert.equal(await usdt(eve) - promoterBefore.eve, platform * 20n / 100n);
    assert.equal(await usdt(ferdie) - promoterBefore.ferdie, platform * 10n / 100n);
    // The settlement event names each promoter paid and the amount: how promoters follow income.
    const charlieSettled = settled.find((e) => e.data.order.toNumber() === orders.charlie).data;
    const paid = charlieSettled.commissions.map(([who, amount]) => [who.toString(), amount.toBigInt()]);
    assert.deepEqual(paid, [[eve.address, platform * 20n / 100n], [ferdie.address, platform * 10n / 100n]]);
    assert.equal(charlieSettled.parts.commissions.toBigInt(), platform * 30n / 100n);
  });

  it('both buyers commit a review of the product during the round\'s commit phase', async () => {
    // Proof of experience: each review spends the buyer's ticket of the round its order fed.
    await Promise.all([['charlie', charlie], ['dave', dave]].map(([name, who]) =>
      ok(api.tx.reviews.commitReview(product, commitment(name, who), DSG), who)));
    const twice = await sendAndFinalize(api, api.tx.reviews.commitReview(product, commitment('charlie', charlie), DSG), charlie);
    assert.equal(twice.dispatchError?.name, 'AlreadyCommitted', 'one review per account and round');
    const stranger = await sendAndFinalize(api, api.tx.reviews.commitReview(product, commitment('charlie', ferdie), DSG), ferdie);
    assert.equal(stranger.dispatchError?.name, 'UnknownTicket', 'no purchase, no review');
  });

  it('mines DSG for each buyer according to tier', async () => {
    const mined = (who) => log.find('mining', 'Mined', (d) => d.who.toString() === who.address)[0];
    const [c, d] = [mined(charlie), mined(dave)];
    assert.ok(c && d, 'both buyers mined');
    const charlieAmount = c.data.amount.toBigInt();
    const daveAmount = d.data.amount.toBigInt();
    // A K0 buyer mines the base rate (0.1 DSG per USD), which the runtime API reports.
    const [rate, remaining] = await api.call.despendApi.miningStatus();
    assert.equal(daveAmount, 100n * DSG * rate.toBigInt() / 10n ** 18n);
    assert.equal(daveAmount, 10n * DSG);
    const totalMined = (await api.query.mining.schedule()).totalMined.toBigInt();
    assert.ok(totalMined >= charlieAmount + daveAmount && remaining.toBigInt() > 0n);
    // Charlie's 150,000 DSG stake puts him in the highest tier whose threshold it meets.
    const tiers = await api.query.membership.tiers();
    const stake = 150_000n * DSG;
    const tier = tiers.filter((t) => t.threshold.toBigInt() <= stake).pop();
    const bonus = tier.benefits.miningBonus.toBigInt();
    assert.ok(bonus > 0n);
    assert.equal(charlieAmount, 10n * DSG + 10n * DSG * bonus / PERBILL);
    // The runtime API shows Charlie the same tier: stake, bonus, a dividend share.
    const info = await api.call.despendApi.memberInfo(charlie.address);
    assert.equal(info.active.toBigInt(), stake);
    assert.equal(info.benefits.miningBonus.toBigInt(), bonus);
    assert.ok(info.isElite, 'a 150,000 DSG stake is an elite tier');
    assert.equal((await api.query.mining.miners(charlie.address)).unwrap().mined.toBigInt(), charlieAmount);
  });

  it('gives each buyer the RWA-NFT of the order, with a record the holder cannot forge', async () => {
    const collection = (await api.query.rwa.collection()).unwrap();
    for (const [name, who] of [['charlie', charlie], ['dave', dave]]) {
      const item = (await api.query.nfts.item(collection, orders[name])).unwrap();
      assert.equal(item.owner.toString(), who.address);
      const record = (await api.query.rwa.items(orders[name])).unwrap();
      assert.equal(record.product.toNumber(), product);
      assert.equal(record.merchant.toString(), bob.address);
      assert.equal(record.saleUsd.toBigInt(), PRICE);
      assert.ok(record.trackingHash.isSome, 'the shipment is on record');
    }
  });

  it('both reviewers reveal once the commit phase is over; a wrong salt does not match', async () => {
    const reveal = (name, who, salt = salts[name]) =>
      sendAndFinalize(api, api.tx.reviews.revealReview(product, scores[name], u8aToHex(salt)), who);
    for (let tries = 0; ; tries++) {
      const r = await reveal('charlie', charlie, new Uint8Array(32).fill(9));
      if (r.dispatchError?.name === 'CommitmentMismatch') break;
      assert.equal(r.dispatchError?.name, 'RevealPhaseNotStarted', JSON.stringify(r.dispatchError));
      assert.ok(tries < 40, 'the reveal phase never came');
    }
    const revealed = await Promise.all([reveal('charlie', charlie), reveal('dave', dave)]);
    revealed.forEach((r) => assert.equal(r.dispatchError, null, JSON.stringify(r.dispatchError)));
  });

  it('pays dividends to the elite member (claim, withdraw, turbo claim) and refuses others', async () => {
    // Dave holds no share: a clear refusal.
    const refused = await sendAndFinalize(api, api.tx.dividends.claim(), dave);
    assert.equal(refused.dispatchError?.name, 'NotAShareholder');
    assert.match(refused.dispatchError.docs, /elite members/);

    // Charlie, sole elite member, claims the income of both orders (queued).
    const usdtOf = (list) => (list.find(([asset]) => asset.isWithId && asset.asWithId.toNumber() === USDT)?.[1].toBigInt() ?? 0n);
    const pendingUsdt = usdtOf(await api.call.despendApi.pendingIncome(charlie.address));
    assert.ok(pendingUsdt > 0n, 'the runtime API shows dividends waiting');
    const claimed = await ok(api.tx.dividends.claim(), charlie);
    const ev = claimed.events.find(({ event }) => api.events.dividends.Claimed.is(event)).event;
    const queuedUsdt = ev.data.amounts.find(([asset]) => asset.isWithId && asset.asWithId.toNumber() === USDT)[1].toBigInt();
    const income = log.find('orders', 'OrderSettled').reduce((sum, e) =>
      sum + e.data.parts.communityFee.toBigInt() + e.data.parts.dividendShare.toBigInt(), 0n);
    assert.ok(queuedUsdt <= income && income - queuedUsdt < 10n, `claimed ${queuedUsdt} of ${income}`);
    // Income only grows, so the claim takes at least what the API showed a block earlier.
    assert.ok(pendingUsdt <= queuedUsdt, `pending ${pendingUsdt}, claimed ${queuedUsdt}`);
    assert.equal(usdtOf(await api.call.despendApi.queuedWithdrawals(charlie.address)), queuedUsdt);

    // A third purchase brings new income; the turbo claim pays it at once, minus the fee.
    const placed = await ok(api.tx.orders.placeOrder(product, 1, USDT_ASSET, PRICE), eve);
    const third = placed.events.find(({ event }) => api.events.orders.OrderPlaced.is(event)).event.data.order.toNumber();
    await ok(api.tx.orders.markShipped(third, u8aToHex(blake2AsU8a('TRACK-3'))), bob);
    await ok(api.tx.orders.confirmReceipt(third), eve);
    await log.waitFor('orders', 'OrderSettled', (d) => d.order.toNumber() === third);
    await log.waitFor('dividends', 'IncomeDistributed', () => true);
    let turbo;
    for (let tries = 0; ; tries++) {
      const before = await usdt(charlie);
      const r = await sendAndFinalize(api, api.tx.dividends.turboClaim(50_000_000), charlie);
      if (!r.dispatchError) {
        turbo = { gained: (await usdt(charlie)) - before, r };
        break;
      }
      // The new income is credited from the next epoch on; wait for it.
      assert.equal(r.dispatchError.name, 'NothingToClaim');
      assert.ok(tries < 10, 'turbo claim never had income');
    }
    assert.ok(turbo.gained > 0n, 'the turbo claim paid USDT at once');
    assert.ok(turbo.r.events.some(({ event }) => api.events.dividends.TurboClaimed.is(event)));

    // The queued claim is paid after the standard delay.
    const before = await usdt(charlie);
    for (let tries = 0; ; tries++) {
      const r = await sendAndFinalize(api, api.tx.dividends.withdraw(), charlie);
      if (!r.dispatchError) break;
      assert.ok(tries < 10, `withdraw kept failing: ${r.dispatchError.name}`);
    }
    assert.equal((await usdt(charlie)) - before, queuedUsdt);
  });

  it('runs the review round to its end: consensus, reviewers paid their share, score on chain', async () => {
    const round = (await log.waitFor('reviews', 'RoundOpened', (d) => d.product.toNumber() === product)).data.round.toNumber();
    await log.waitFor('reviews', 'RoundFinalized', (d) => d.product.toNumber() === product, 300_000);
    const rewarded = await log.waitFor('reviews', 'ReviewerRewarded', (d) => d.product.toNumber() === product, 300_000);
    assert.ok([charlie.address, dave.address].includes(rewarded.data.reviewer.toString()));
    // A reviewer earns at most its own order's reviewers' part (7.5 USDT of 100).
    assert.ok(rewarded.data.amount.toBigInt() > 0n && rewarded.data.amount.toBigInt() <= 7_500_000n);
    const score = (await api.query.reviews.productScores(product)).unwrap();
    assert.equal(score.round.toNumber(), round);
    assert.equal(score.reviewers.toNumber(), 2);
    // Consensus lies between the two reviews on each criterion.
    Array.from(score.scores.toU8a(true)).forEach((v, i) => {
      assert.ok(v >= Math.min(scores.charlie[i], scores.dave[i]) && v <= Math.max(scores.charlie[i], scores.dave[i]));
    });
    const viaApi = await api.call.despendApi.productScore(product);
    assert.equal(viaApi.unwrap().toHex(), score.toHex(), 'the runtime API returns the stored score');
    const paidExperts = log.find('reviews', 'ExpertsPaid', (d) => d.product.toNumber() === product);
    assert.ok(paidExperts.some((e) => e.data.to.toString() === expert.address), 'the standard\'s expert was paid');
  });
});
