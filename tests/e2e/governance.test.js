// Issue 7 on a real dev node: DSG holders govern. A K3 member proposes a lower community fee on
// the parameters track, it passes by conviction vote, and the next settled order pays the new
// rate; a validator added by a root-track referendum validates from the session after next.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, sendAndFinalize, waitFor } from './lib/node.js';
import { EventLog } from './lib/events.js';

const DSG = 10n ** 12n;
const USD = 10n ** 6n;
const USDT_ASSET = { WithId: 1984 };
const PRICE = 100n * USD;
const ONE_PERCENT = 10_000_000; // Perbill

describe('DSG holders govern the chain', () => {
  let chain, api, log;
  let alice, bob, charlie;

  const ok = async (tx, signer) => {
    const r = await sendAndFinalize(api, tx, signer);
    assert.equal(r.dispatchError, null, `${tx.method.section}.${tx.method.method}: ${JSON.stringify(r.dispatchError)}`);
    return r;
  };

  /** Submits `call` on the track of `origin`, places the decision deposit and votes aye. */
  const propose = async (origin, call) => {
    const submitted = await ok(api.tx.referenda.submit(origin, { Inline: call.method.toHex() }, { After: 1 }), alice);
    const index = submitted.events.find(({ event }) => api.events.referenda.Submitted.is(event)).event.data.index.toNumber();
    await ok(api.tx.referenda.placeDecisionDeposit(index), alice);
    await ok(api.tx.convictionVoting.vote(index, {
      Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: 500_000n * DSG },
    }), alice);
    return index;
  };

  before(async () => {
    await cryptoWaitReady();
    chain = await startDevNode();
    api = chain.api;
    log = new EventLog(api);
    await log.start();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  });
  after(async () => {
    if (log) log.stop();
    if (chain) await chain.stop();
  });

  it('refuses proposals from accounts below tier K3', async () => {
    const call = api.tx.system.remark('hello');
    const r = await sendAndFinalize(api, api.tx.referenda.submit({ Origins: 'ParameterSetter' },
      { Inline: call.method.toHex() }, { After: 1 }), charlie);
    assert.equal(r.dispatchError?.name, 'BadOrigin');
  });

  it('a K3 member lowers the community fee and launches a category by referendum', async () => {
    await ok(api.tx.membership.stake(1_000n * DSG), alice); // K3 is 600 DSG
    const before = await api.query.parameters.parameters({ Commerce: 'CommunityFee' });
    assert.ok(before.isNone, 'the default (0.6%) applies');
    const call = api.tx.parameters.setParameter({ Commerce: { CommunityFee: [null, ONE_PERCENT] } });
    const index = await propose({ Origins: 'ParameterSetter' }, call);
    // The category launch runs on its own track, at the same time.
    const category = (await api.query.orders.nextCategoryId()).toNumber();
    const launch = await propose({ Origins: 'CategoryLauncher' }, api.tx.orders.createCategory('Tea'));
    await Promise.all([index, launch].map((i) =>
      log.waitFor('referenda', 'Confirmed', (d) => d.index.toNumber() === i, 180_000)));
    const created = await log.waitFor('orders', 'CategoryCreated', (d) => d.category.toNumber() === category, 120_000);
    assert.equal(created.data.name.toUtf8(), 'Tea');
    const value = await waitFor('the new fee to be enacted', async () => {
      const v = await api.query.parameters.parameters({ Commerce: 'CommunityFee' });
      return v.isSome && v.unwrap();
    }, { timeoutMs: 120_000, intervalMs: 1000 });
    assert.equal(value.asCommerce.asCommunityFee.toNumber(), ONE_PERCENT);
  });

  it('the next settled order pays the new community fee', async () => {
    // The category is the one the referendum launched: no sudo here.
    await ok(api.tx.orders.registerMerchant('bafy-merchant'), bob);
    const product = (await api.query.orders.nextProductId()).toNumber();
    await ok(api.tx.orders.listProduct(0, PRICE, 10, [USDT_ASSET], null, null, 'bafy-tea'), bob);
    const placed = await ok(api.tx.orders.placeOrder(product, 1, USDT_ASSET, PRICE), charlie);
    const order = placed.events.find(({ event }) => api.events.orders.OrderPlaced.is(event)).event.data.order.toNumber();
    await ok(api.tx.orders.markShipped(order, u8aToHex(blake2AsU8a('T'))), bob);
    await ok(api.tx.orders.confirmReceipt(order), charlie);
    const settled = await log.waitFor('orders', 'OrderSettled', (d) => d.order.toNumber() === order);
    assert.equal(settled.data.parts.communityFee.toBigInt(), PRICE / 100n, 'the community fee is now 1%');
  });

  it('adds a validator by a root-track referendum; it validates from the session after next', async () => {
    // Bob's session keys live in this node's keystore, so the node signs for him too.
    const generated = await chain.provider.send('author_rotateKeysWithOwner', [u8aToHex(api.createType('AccountId', bob.address).toU8a())]);
    await ok(api.tx.session.setKeys(generated.keys, generated.proof), bob);
    const index = await propose({ system: 'Root' }, api.tx.validatorSet.addValidator(bob.address));
    await log.waitFor('referenda', 'Confirmed', (d) => d.index.toNumber() === index, 180_000);
    await log.waitFor('validatorSet', 'ValidatorAdded', (d) => d.who.toString() === bob.address, 120_000);
    const planned = await log.waitFor('validatorSet', 'NewSessionPlanned', () => true, 180_000);
    const active = await waitFor('Bob in the active validator set', async () => {
      const validators = await api.query.session.validators();
      return validators.map(String).includes(bob.address) && validators;
    }, { timeoutMs: 240_000, intervalMs: 2000 });
    assert.equal(active.length, 2);
    const session = (await api.query.session.currentIndex()).toNumber();
    assert.ok(session >= planned.data.session.toNumber(), 'active from the planned session on');
    // Blocks keep coming: this node holds Bob's Aura key too and authors his slots. (GRANDPA
    // finality now needs a second voter, Bob's own node: zombienet/0002 checks that part.)
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitFor('blocks in both validators\' slots', async () =>
      (await api.rpc.chain.getHeader()).number.toNumber() >= best + 4, { timeoutMs: 120_000, intervalMs: 1000 });
  });
});
