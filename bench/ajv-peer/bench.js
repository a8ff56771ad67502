// ajv 8 + ajv-formats, schema only (no semantic rules): an upper bound on ajv's full-validation speed.
const fs = require('fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const ajv = new Ajv({allErrors: true, strict: false});
addFormats(ajv);
const schema = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
delete schema.$schema;
const validate = ajv.compile(schema);
for (const corpus of process.argv.slice(3)) {
  const lines = fs.readFileSync(corpus, 'utf8').split('\n').filter(l => l.trim());
  let best = Infinity, valid = 0;
  for (let run = 0; run < 6; ++run) {
    valid = 0;
    const t0 = process.hrtime.bigint();
    for (const line of lines) {
      let doc;
      try { doc = JSON.parse(line); } catch (e) { continue; }
      if (validate(doc)) ++valid;
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (run > 0) best = Math.min(best, s);
  }
  const bytes = lines.reduce((a, l) => a + l.length, 0);
  console.log(JSON.stringify({peer: 'ajv-schema-only', corpus, docs: lines.length, valid, best_s: best,
    docs_per_s: Math.round(lines.length / best), mb_per_s: +(bytes / best / 1e6).toFixed(1)}));
}
