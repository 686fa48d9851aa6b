// Helpers of the zombienet js-scripts.

// Signs and sends `tx`; resolves with its events and block hash once in a block, rejects with
// the module error's name if it failed.
async function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, dispatchError, events }) => {
      if (status.isInBlock) {
        if (dispatchError) {
          const e = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : dispatchError;
          reject(new Error(`${tx.method.section}.${tx.method.method}: ${e.section || ''}.${e.name || e.toString()}`));
        } else resolve({ events, blockHash: status.asInBlock });
      }
    }).catch(reject);
  });
}

// Polls `fn` every second until it returns something truthy (returned), or fails after `timeoutMs`.
async function until(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

module.exports = { send, until };
