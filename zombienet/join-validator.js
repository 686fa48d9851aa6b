// Eve joins the validator set the way an operator would: her node makes session keys, she
// registers them, a K3 member puts `validatorSet.addValidator(eve)` to a root-track referendum,
// and it passes. Returns the number of active validators once finality has moved on with her.
const { send, until } = require('./lib.js');

const DSG = 10n ** 12n;

async function run(nodeName, networkInfo) {
  const { ApiPromise, WsProvider, Keyring } = zombie;
  const eveNode = new WsProvider(networkInfo.nodesByName.eve.wsUri);
  const api = await ApiPromise.create({ provider: new WsProvider(networkInfo.nodesByName[nodeName].wsUri) });
  await api.isReady;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const alice = keyring.addFromUri('//Alice');
  const eve = keyring.addFromUri('//Eve');

  const owner = api.createType('AccountId', eve.address).toHex();
  await eveNode.isReady;
  const generated = await eveNode.send('author_rotateKeysWithOwner', [owner]);
  await send(api, api.tx.session.setKeys(generated.keys, generated.proof), eve);

  await send(api, api.tx.membership.stake(1_000n * DSG), alice);
  const call = api.tx.validatorSet.addValidator(eve.address);
  const { events: submitted } = await send(api, api.tx.referenda.submit({ system: 'Root' }, { Inline: call.method.toHex() }, { After: 1 }), alice);
  const index = submitted.find(({ event }) => api.events.referenda.Submitted.is(event)).event.data.index;
  await send(api, api.tx.referenda.placeDecisionDeposit(index), alice);
  await send(api, api.tx.convictionVoting.vote(index, {
    Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: 500_000n * DSG },
  }), alice);

  const validators = await until('eve in the active set', async () => {
    const active = await api.query.session.validators();
    return active.map(String).includes(eve.address) && active;
  }, 420_000);
  const finalizedAt = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const start = await finalizedAt();
  await until('finality with five validators', async () => (await finalizedAt()) >= start + 3, 120_000);
  await api.disconnect();
  await eveNode.disconnect();
  return validators.length;
}

module.exports = { run };
