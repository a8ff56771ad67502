// ajv 8 + ajv-formats as the peer of backfill-check, on NDJSON corpora (one document a line).
//
//   node bench.js SCHEMA [--rules] [--runs N] [--warmup N] [--verdicts PREFIX] CORPUS...
//
// One JSON line per corpus and peer:
//   ajv-schema-only  JSON.parse + ajv (schema only): an upper bound on ajv's full-validation speed.
//   ajv+rules        (with --rules) JSON.parse + ajv + rules.js, the same semantic rules as our
//                    library (BF2001-BF2011); the rules run on every document, as ours do, since a
//                    validator reports every finding, not only the first.
// A document is valid when ajv accepts it and no rule reports an error (warnings do not count); a
// line JSON.parse rejects is invalid. Timing: best of --runs (5) after --warmup (1) runs.
// --verdicts PREFIX (one corpus only) writes PREFIX.ajv-schema-only.txt and PREFIX.ajv-rules.txt,
// one 1/0 per document, to compare with bench/bench's --verdicts.
const fs = require('fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const {checkRequestRules, useSchema, parseDateTime} = require('./rules');

function usage(message) {
  console.error('bench.js: ' + message + '\nusage: node bench.js SCHEMA [--rules] [--runs N] [--warmup N] ' +
    '[--verdicts PREFIX] CORPUS...');
  process.exit(2);
}

const options = {rules: false, runs: 5, warmup: 1, verdicts: ''};
const positional = [];
for (let i = 2; i < process.argv.length; ++i) {
  const arg = process.argv[i];
  if (arg === '--rules') options.rules = true;
  else if (arg === '--runs' || arg === '--warmup') options[arg.slice(2)] = Number(process.argv[++i]);
  else if (arg === '--verdicts') options.verdicts = process.argv[++i] || usage('--verdicts needs a prefix');
  else if (arg.startsWith('--')) usage('unknown option ' + arg);
  else positional.push(arg);
}
if (positional.length < 2) usage('a schema and at least one corpus are required');
if (!(options.runs >= 1) || !(options.warmup >= 0)) usage('--runs must be at least 1, --warmup at least 0');
if (options.verdicts && positional.length !== 2) usage('--verdicts takes exactly one corpus');

const ajv = new Ajv({allErrors: true, strict: false});
addFormats(ajv);
const schema = JSON.parse(fs.readFileSync(positional[0], 'utf8'));
delete schema.$schema;
const validate = ajv.compile(schema);
useSchema(schema);
const NOW = parseDateTime('2026-01-01T00:00:00Z');  // as bench/bench: the same verdicts every day

function hasError(findings) {
  for (const f of findings) if (f.severity === 'error') return true;
  return false;
}

const peers = [{name: 'ajv-schema-only', file: 'ajv-schema-only', check: (doc) => validate(doc)}];
if (options.rules) {
  peers.push({name: 'ajv+rules', file: 'ajv-rules', check: (doc) => {
    const schemaValid = validate(doc);
    const findings = checkRequestRules(doc, NOW, schemaValid ? null : validate.errors);
    return schemaValid && !hasError(findings);
  }});
}

for (const corpus of positional.slice(1)) {
  const raw = fs.readFileSync(corpus);
  // Every non-empty line is a document (as bench/bench splits the corpus); invalid UTF-8 decodes
  // to U+FFFD, so JSON.parse accepts it.
  const lines = raw.toString('utf8').split('\n').filter((l) => l.length > 0);
  let newlines = 0;
  for (let at = raw.indexOf(10); at >= 0; at = raw.indexOf(10, at + 1)) ++newlines;
  const bytes = raw.length - newlines;
  for (const peer of peers) {
    const verdicts = new Uint8Array(lines.length);
    let best = Infinity, valid = 0;
    for (let run = 0; run < options.warmup + options.runs; ++run) {
      valid = 0;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < lines.length; ++i) {
        let doc;
        try { doc = JSON.parse(lines[i]); } catch (e) { verdicts[i] = 0; continue; }
        const ok = peer.check(doc);
        verdicts[i] = ok ? 1 : 0;
        if (ok) ++valid;
      }
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (run >= options.warmup) best = Math.min(best, s);
    }
    console.log(JSON.stringify({peer: peer.name, corpus, docs: lines.length, valid, best_s: best,
      docs_per_s: Math.round(lines.length / best), mb_per_s: +(bytes / best / 1e6).toFixed(1)}));
    if (options.verdicts) fs.writeFileSync(options.verdicts + '.' + peer.file + '.txt', verdicts.join('\n') + '\n');
  }
}
