// Starts a real `despend-node --dev --tmp` on free loopback ports and connects polkadot.js to
// it. Every wait is bounded; the node is killed when the test ends, also when it fails.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

export const NODE_BINARY =
  process.env.DESPEND_NODE ??
  join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/despend/target'), 'release/despend-node');

/** A free TCP port on 127.0.0.1 (the OS picks it; we release it just before the node binds). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with `fn()`'s value once it is truthy; rejects after `timeoutMs`. */
export async function waitFor(what, fn, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/**
 * What a wallet tells polkadot.js about DeSpend: the asset a fee is paid in is the runtime's
 * `NativeOrWithId<u32>` (polkadot.js assumes Asset Hub's XCM location for
 * `ChargeAssetTxPayment` otherwise).
 */
export const WALLET_TYPES = {
  TAssetConversion: 'Option<FrameSupportTokensFungibleUnionOfNativeOrWithId>',
};

/**
 * Starts a dev node and returns `{ api, node, stop }`. `stop()` disconnects and kills the node;
 * call it from `after()` so it also runs when a test fails.
 */
export async function startDevNode({ extraArgs = [] } = {}) {
  if (!existsSync(NODE_BINARY)) {
    throw new Error(`node binary not found at ${NODE_BINARY}: run scripts/build.sh first`);
  }
  const [rpcPort, p2pPort] = [await freePort(), await freePort()];
  const args = [
    '--dev', '--tmp',
    '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    ...extraArgs,
  ];
  const node = spawn(NODE_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  node.stderr.on('data', (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  });
  let exited = false;
  node.on('exit', () => { exited = true; });
  const kill = () => { if (!exited) node.kill('SIGKILL'); };
  process.once('exit', kill);

  let api;
  const stop = async () => {
    if (api) await api.disconnect().catch(() => {});
    if (!exited) {
      node.kill('SIGINT');
      await waitFor('the node to exit', () => exited, { timeoutMs: 10_000 }).catch(kill);
    }
  };

  try {
    const url = `ws://127.0.0.1:${rpcPort}`;
    await waitFor('the node RPC to listen', async () => {
      if (exited) throw new Error(`node exited early:\n${log}`);
      return /Running JSON-RPC server/.test(log);
    }, { timeoutMs: 60_000 });
    const provider = new WsProvider(url, 1000, {}, 30_000);
    api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true, types: WALLET_TYPES });
    return { api, provider, node, stop, url, log: () => log };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Waits until a finalized block with at least `height` exists. */
export function waitForFinalized(api, height, timeoutMs = 90_000) {
  return waitFor(`finalized height ${height}`, async () => {
    const hash = await api.rpc.chain.getFinalizedHead();
    const header = await api.rpc.chain.getHeader(hash);
    return header.number.toNumber() >= height ? header.number.toNumber() : false;
  }, { timeoutMs, intervalMs: 500 });
}

/**
 * Signs and sends `tx`, resolving when its block is finalized with
 * `{ blockHash, events, dispatchError }`, where `dispatchError` is `null` or the decoded error
 * `{ section, name, docs }` for module errors or `{ kind, name }` for others. `options` are
 * polkadot.js signing options, e.g. `{ assetId: { WithId: 1984 } }` to pay the fee in USDT.
 */
export function sendAndFinalize(api, tx, signer, timeoutMs = 120_000, options = {}) {
  return new Promise((resolve, reject) => {
    let unsub;
    const timer = setTimeout(() => {
      if (unsub) unsub();
      reject(new Error(`transaction ${tx.method.section}.${tx.method.method} not finalized within ${timeoutMs} ms`));
    }, timeoutMs);
    tx.signAndSend(signer, options, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        clearTimeout(timer);
        if (unsub) unsub();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      if (status.isFinalized) {
        clearTimeout(timer);
        if (unsub) unsub();
        resolve({ blockHash: status.asFinalized, events, dispatchError: decodeError(api, dispatchError) });
      }
    }).then((u) => { unsub = u; }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/** Turns a `DispatchError` into `{ section, name }` (module errors) or `{ kind, name }`. */
export function decodeError(api, dispatchError) {
  if (!dispatchError) return null;
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    return { section, name, docs: docs.join(' ') };
  }
  const kind = dispatchError.type;
  const inner = dispatchError[`as${kind}`];
  return { kind, name: inner && inner.type ? inner.type : kind };
}
