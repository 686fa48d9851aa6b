// Issue 2: a dev node produces and finalizes blocks, wallets see DSG and the stablecoins, and
// transfers (and their failures) behave as a polkadot.js user expects.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { execFileSync } from 'node:child_process';
import { NODE_BINARY, startDevNode, waitForFinalized, sendAndFinalize } from './lib/node.js';

const DSG = 10n ** 12n;
const USD = 10n ** 6n;
const USDT = 1984;
const USDC = 1337;

describe('foundation: dev chain, wallet view, transfers', () => {
  let chain;
  let api;
  let alice;

  before(async () => {
    await cryptoWaitReady();
    chain = await startDevNode();
    api = chain.api;
    alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  });
  after(async () => { if (chain) await chain.stop(); });

  it('produces and finalizes blocks', async () => {
    const finalized = await waitForFinalized(api, 2);
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(finalized >= 2, `finalized ${finalized}`);
    assert.ok(best >= finalized, `best ${best} < finalized ${finalized}`);
  });

  it('tells wallets the token is DSG with 12 decimals and our address format', async () => {
    const props = await api.rpc.system.properties();
    assert.deepEqual(props.tokenSymbol.unwrap().map(String), ['DSG']);
    assert.deepEqual(props.tokenDecimals.unwrap().map((d) => d.toNumber()), [12]);
    assert.equal(props.ss58Format.unwrap().toNumber(), api.consts.system.ss58Prefix.toNumber());
    assert.equal(api.runtimeVersion.specName.toString(), 'despend');
  });

  it('speaks DeSpend addresses in RPC parameters and on the command line', async () => {
    const prefix = api.consts.system.ss58Prefix.toNumber();
    assert.equal(prefix, 3377);
    const despend = new Keyring({ type: 'sr25519', ss58Format: prefix }).addFromUri('//Alice');
    // Wallets ask for the next nonce with the chain's own address format.
    const nonce = await api.rpc.system.accountNextIndex(despend.address);
    assert.ok(nonce.toNumber() >= 0);
    // The CLI prints the same address for the same key.
    for (const args of [['key', 'inspect', '//Alice', '--output-type', 'json'], ['key', 'generate', '--output-type', 'json']]) {
      const out = JSON.parse(execFileSync(NODE_BINARY, args, { encoding: 'utf8' }));
      const reencoded = new Keyring({ type: 'sr25519', ss58Format: prefix }).encodeAddress(out.accountId);
      assert.equal(out.ss58Address, reencoded, `${args.join(' ')} prints a DeSpend address`);
      if (args[1] === 'inspect') assert.equal(out.ss58Address, despend.address);
    }
  });

  it('has USDT and USDC as sufficient 6-decimal assets with metadata', async () => {
    for (const [id, symbol] of [[USDT, 'USDT'], [USDC, 'USDC']]) {
      const details = (await api.query.assets.asset(id)).unwrap();
      assert.equal(details.isSufficient.isTrue, true, `${symbol} is sufficient`);
      const meta = await api.query.assets.metadata(id);
      assert.equal(meta.symbol.toUtf8(), symbol);
      assert.equal(meta.decimals.toNumber(), 6);
      const aliceBalance = (await api.query.assets.account(id, alice.address)).unwrap().balance.toBigInt();
      assert.ok(aliceBalance > 0n, `Alice holds ${symbol}`);
    }
  });

  it('transfers DSG and USDT to a fresh account, visible after finalization', async () => {
    const fresh = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
    const dsg = 5n * DSG;
    const usdt = 25n * USD;

    const r1 = await sendAndFinalize(api, api.tx.balances.transferKeepAlive(fresh.address, dsg), alice);
    assert.equal(r1.dispatchError, null);
    const r2 = await sendAndFinalize(api, api.tx.assets.transfer(USDT, fresh.address, usdt), alice);
    assert.equal(r2.dispatchError, null);

    const at = await api.at(r2.blockHash);
    const account = await at.query.system.account(fresh.address);
    assert.equal(account.data.free.toBigInt(), dsg);
    const usdtAccount = (await at.query.assets.account(USDT, fresh.address)).unwrap();
    assert.equal(usdtAccount.balance.toBigInt(), usdt);
    assert.ok(r2.events.some(({ event }) => api.events.assets.Transferred.is(event)));
  });

  it('reports an overdraft by its module error name', async () => {
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    const aliceUsdt = (await api.query.assets.account(USDT, alice.address)).unwrap().balance.toBigInt();
    const before = (await api.query.assets.account(USDT, bob.address)).unwrap().balance.toBigInt();

    const r = await sendAndFinalize(api, api.tx.assets.transfer(USDT, bob.address, aliceUsdt + 1n), alice);
    assert.deepEqual({ section: r.dispatchError?.section, name: r.dispatchError?.name },
      { section: 'assets', name: 'BalanceLow' });
    assert.ok(r.events.some(({ event }) => api.events.system.ExtrinsicFailed.is(event)));
    const after = (await (await api.at(r.blockHash)).query.assets.account(USDT, bob.address)).unwrap().balance.toBigInt();
    assert.equal(after, before, 'nothing moved');
  });
});
