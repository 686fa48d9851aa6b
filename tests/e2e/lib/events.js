// Collects every event of every finalized block (none skipped: GRANDPA may finalize several
// blocks at once), so tests can wait for an event by predicate.
export class EventLog {
  constructor(api) {
    this.api = api;
    this.records = []; // { block, section, method, data, event }
    this.lastBlock = 0;
    this.unsub = null;
  }

  async start() {
    this.lastBlock = (await this.api.rpc.chain.getHeader(await this.api.rpc.chain.getFinalizedHead())).number.toNumber();
    let busy = Promise.resolve();
    this.unsub = await this.api.rpc.chain.subscribeFinalizedHeads((header) => {
      busy = busy.then(() => this.catchUp(header.number.toNumber())).catch(() => {});
    });
  }

  async catchUp(upTo) {
    for (let n = this.lastBlock + 1; n <= upTo; n++) {
      const hash = await this.api.rpc.chain.getBlockHash(n);
      const events = await this.api.query.system.events.at(hash);
      for (const { event } of events) {
        this.records.push({ block: n, section: event.section, method: event.method, data: event.data, event });
      }
      this.lastBlock = n;
    }
  }

  stop() {
    if (this.unsub) this.unsub();
  }

  find(section, method, predicate = () => true) {
    return this.records.filter((r) => r.section === section && r.method === method && predicate(r.data));
  }

  /** Resolves with the first matching event; rejects after `timeoutMs`. */
  async waitFor(section, method, predicate = () => true, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.find(section, method, predicate);
      if (found.length) return found[0];
      if (Date.now() > deadline) throw new Error(`no ${section}.${method} event within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
