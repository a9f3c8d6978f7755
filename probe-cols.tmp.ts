import { launchWithExtension } from './tests/e2e/support/chromium';
const { context, extensionId } = await launchWithExtension();
const page = await context.newPage();
await page.goto(`chrome-extension://${extensionId}/options.html`);
const result = await page.evaluate(`(async () => {
  function row(i){return {id:'resp-'+(1000000+i),accountId:'acct-000123',score:i%11,respondedAt:1700000000000+i*3600000,respondentEmail:'person'+(i%50)+'@globex-logistics.com',respondentName:'Person Number'+(i%50),respondentRole:'Decision maker',respondentTitle:'VP Operations',comment:'The onboarding was slow and the reporting dashboard keeps timing out when we export large files, support was helpful though. '+i,channel:'email',survey:'Relationship Q3',tags:[],excluded:false,updatedAt:1700000000000+i, insightKey:'v3:en:abc123', insightJson: JSON.stringify({key:'v3:en:abc123',language:'en',sentiment:-0.4,themes:[{id:'onboarding',label:'Onboarding',polarity:-1,evidence:'The onboarding was slow'},{id:'reporting',label:'Reporting',polarity:-1,evidence:'reporting dashboard keeps timing out'},{id:'support',label:'Support',polarity:1,evidence:'support was helpful'}],reasons:['slow onboarding']})};}
  const rows = Array.from({length:10000},(_, i)=>row(i));
  const KEYS = Object.keys(rows[0]);
  function lean(r){ const o = {...r}; delete o.accountId; if (!o.tags.length) delete o.tags; if (!o.excluded) delete o.excluded; return o; }
  function toCols(part){ const c = {}; for (const k of KEYS) c[k] = part.map(r => r[k]); c.score = Uint8Array.from(part.map(r=>r.score)); c.respondedAt = Float64Array.from(part.map(r=>r.respondedAt)); c.updatedAt = Float64Array.from(part.map(r=>r.updatedAt)); delete c.accountId; return c; }
  function fromCols(c, acc){ const n = c.id.length; const out = new Array(n); for (let i = 0; i < n; i++) out[i] = {id:c.id[i],accountId:acc,score:c.score[i],respondedAt:c.respondedAt[i],respondentEmail:c.respondentEmail[i],respondentName:c.respondentName[i],respondentRole:c.respondentRole[i],respondentTitle:c.respondentTitle[i],comment:c.comment[i],channel:c.channel[i],survey:c.survey[i],tags:c.tags[i],excluded:c.excluded[i],updatedAt:c.updatedAt[i],insightKey:c.insightKey[i],insightJson:c.insightJson[i]}; return out; }
  const out = {};
  for (let round = 0; round < 4; round++)
  for (const size of [128]) {
    for (const form of ['objects', 'lean', 'cols']) {
    const name = 'probe2-' + size + form;
    const db = await new Promise((res, rej) => { const r = indexedDB.open(name, 1); r.onupgradeneeded = () => r.result.createObjectStore('b'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    if (round === 0) await new Promise((res, rej) => { const tx = db.transaction('b', 'readwrite'); const s = tx.objectStore('b');
      for (let n = 0; n * size < rows.length; n++) { const part = rows.slice(n*size, (n+1)*size); s.put(form === 'cols' ? { ids: part.map(r=>r.id), cols: toCols(part) } : { ids: part.map(r => r.id), rows: form === 'lean' ? part.map(lean) : part }, ['acct', n]); }
      tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
    const times = [];
    for (let k = 0; k < 9; k++) {
      const t = performance.now();
      const blocks = await new Promise((res, rej) => { const r = db.transaction('b').objectStore('b').getAll(IDBKeyRange.bound(['acct'], ['acct', []])); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      let count = 0; for (const b of blocks) count += (form === 'cols' ? fromCols(b.cols, 'acct-000123') : b.rows).length;
      times.push(performance.now() - t);
      if (count !== 10000) throw new Error('count ' + count);
    }
    times.sort((a,b)=>a-b);
    out[round + ' ' + size + ' ' + form] = times.map(t => t.toFixed(1)).join(' ');
    db.close();
    }
  }
  return out;
})()`);
console.log(result);
await context.close();
