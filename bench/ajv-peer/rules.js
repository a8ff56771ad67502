'use strict';
// backfill-check's request rules (BF2001-BF2011) in JavaScript, so that the ajv peer does the same
// work as our library: ajv checks the schema, these check what a schema cannot say. Mirrors
// src/rules/request.cpp, src/schema/walk.cpp, src/formats/date_time.cpp and src/formats/uuid.cpp.
//
//   const {checkRequestRules, parseDateTime} = require('./rules');
//   const findings = checkRequestRules(doc, parseDateTime('2026-01-01T00:00:00Z'));
//   // [{code, pointer, message, severity}], severity 'error' or 'warning' as in docs/rules.md
//
// Values of the wrong type are skipped: the schema reports them.
const fs = require('fs');
const path = require('path');

const SEVERITY = {
  BF2001: 'error', BF2002: 'error', BF2003: 'error', BF2004: 'error', BF2005: 'error', BF2006: 'error',
  BF2007: 'error', BF2008: 'warning', BF2009: 'warning', BF2010: 'warning', BF2011: 'warning',
};

function finding(code, pointer, message) {
  return {code, pointer, message, severity: SEVERITY[code]};
}

// ---------------------------------------------------------------------------------------------
// RFC 3339 date-time (section 5.6) parsed to an exact instant. JS Date is lenient (it accepts
// "2021-11-11 10:11:11", rolls 2021-02-30 over to March) and keeps only milliseconds, so this is
// a forward scan like date_time.cpp.

/** An instant: seconds since 1970 (an exact integer in a double) and the fraction as two 9-digit
 *  halves (nanoseconds and the next 9 digits): attoseconds do not fit in a double. */
class Instant {
  constructor(seconds, nanos, attos) {
    this.seconds = seconds;
    this.nanos = nanos;
    this.attos = attos;
  }
}

/** Negative, zero or positive as a is before, at or after b. */
function compareInstants(a, b) {
  return a.seconds - b.seconds || a.nanos - b.nanos || a.attos - b.attos;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

// `count` ASCII digits at `at` as a number, or -1.
function digits(text, at, count) {
  let value = 0;
  for (let i = 0; i < count; ++i) {
    const d = text.charCodeAt(at + i) - 48;  // NaN past the end
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
function daysFromCivil(year, month, day) {
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.trunc((y >= 0 ? y : y - 399) / 400);
  const yoe = y - era * 400;
  const doy = Math.trunc((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.trunc(yoe / 4) - Math.trunc(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const T = 84, t = 116, Z = 90, z = 122, DASH = 45, COLON = 58, DOT = 46, PLUS = 43;

/** The Instant a date-time names, or a string saying what is wrong with it. */
function parseDateTime(text) {
  const year = digits(text, 0, 4);
  const month = text.charCodeAt(4) === DASH ? digits(text, 5, 2) : -1;
  const day = text.charCodeAt(7) === DASH ? digits(text, 8, 2) : -1;
  if (year < 0 || month < 0 || day < 0) return 'expected a full date YYYY-MM-DD';
  if (month < 1 || month > 12) return 'month is not 01-12';
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day < 1 || day > monthDays) return 'day does not exist in that month';
  const sep = text.charCodeAt(10);
  if (sep !== T && sep !== t) return "expected 'T' between date and time";
  const hour = digits(text, 11, 2);
  const minute = text.charCodeAt(13) === COLON ? digits(text, 14, 2) : -1;
  const second = text.charCodeAt(16) === COLON ? digits(text, 17, 2) : -1;
  if (hour < 0 || minute < 0 || second < 0) return 'expected a time hh:mm:ss';
  if (hour > 23) return 'hour is not 00-23';
  if (minute > 59) return 'minute is not 00-59';
  if (second > 60) return 'second is not 00-60';

  let at = 19;
  let nanos = 0, attos = 0;
  if (text.charCodeAt(at) === DOT) {
    const first = ++at;
    for (;;) {
      const d = text.charCodeAt(at) - 48;
      if (!(d >= 0 && d <= 9)) break;
      const i = at++ - first;
      if (i < 9) nanos = nanos * 10 + d;
      else if (i < 18) attos = attos * 10 + d;  // digits past the 18th are checked but carry no weight
    }
    const count = at - first;
    if (count === 0) return "expected digits after '.'";
    nanos *= POW10[9 - Math.min(count, 9)];
    attos *= POW10[9 - Math.min(Math.max(count - 9, 0), 9)];
  }

  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if (zone === Z || zone === z) {
    ++at;
  } else {
    if (zone !== PLUS && zone !== DASH) return "expected an offset: 'Z' or +hh:mm / -hh:mm";
    const offsetHour = digits(text, at + 1, 2);
    const offsetMinute = text.charCodeAt(at + 3) === COLON ? digits(text, at + 4, 2) : -1;
    if (offsetHour < 0 || offsetMinute < 0) return 'expected an offset +hh:mm or -hh:mm';
    if (offsetHour > 23) return 'offset hour is not 00-23';
    if (offsetMinute > 59) return 'offset minute is not 00-59';
    offsetMinutes = (zone === PLUS ? 1 : -1) * (offsetHour * 60 + offsetMinute);
    at += 6;
  }
  if (at !== text.length) return 'unexpected characters after the date-time';

  const utcMinutes = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes;
  // A leap second is inserted at 23:59:60 UTC only; in another offset it moves with the clock.
  if (second === 60 && ((utcMinutes % 1440) + 1440) % 1440 !== 23 * 60 + 59) {
    return 'second 60 is only valid at 23:59:60 UTC';
  }
  return new Instant(utcMinutes * 60 + second, nanos, attos);
}

function formatInstant(instant) {
  let text = new Date(instant.seconds * 1000).toISOString().slice(0, 19);
  if (instant.nanos || instant.attos) {
    text += ('.' + String(instant.nanos).padStart(9, '0') + String(instant.attos).padStart(9, '0')).replace(/0+$/, '');
  }
  return text + 'Z';
}

// ---------------------------------------------------------------------------------------------
// UUID text form, any version and variant, either case (uuid.cpp). A loop over a table: the
// regular expression /^[0-9a-f]{8}-...$/i took over half of the rules' time on a large request.
const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

function isUuid(text) {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; ++i) {
    const c = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== DASH : c >= 128 || HEX[c] === 0) return false;
  }
  return true;
}

// ASCII case folding only (toLowerCase would fold e.g. the Kelvin sign to 'k').
function asciiLower(text) {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Messages and pointers.

function quoteText(text) {
  return JSON.stringify(text.length > 60 ? text.slice(0, 60) + '...' : text);
}

function quoteValue(value) {
  if (typeof value === 'string') return quoteText(value);
  if (Array.isArray(value)) return 'an array of ' + value.length + ' items';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

function pointerToken(token) {
  return typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function pointerOf(pathTokens) {
  let pointer = '';
  for (const token of pathTokens) pointer += '/' + pointerToken(token);
  return pointer;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Only called with fixed names that Object.prototype does not have.
function memberOf(value, name) {
  return isObject(value) ? value[name] : undefined;
}

function stringMember(value, name) {
  const member = memberOf(value, name);
  return typeof member === 'string' ? member : undefined;
}

// ---------------------------------------------------------------------------------------------
// The schema walk (src/schema/walk.cpp): every string whose subschema has "format" date-time or
// uuid gets the exact check (BF2004, BF2005), every readOnly member is a warning (BF2010), every
// member outside "properties" (where additionalProperties is not a boolean) is a warning with the
// closest documented name (BF2011). The schema is compiled once into a tree of nodes with $ref
// resolved (the request schema has no oneOf, so no branch selection is needed).

function compileSchemaWalk(schema) {
  const nodes = new Map();  // subschema -> node, so shared definitions are compiled once
  const resolve = (sub) => {
    for (let hops = 0; hops < 16 && isObject(sub) && typeof sub.$ref === 'string' && sub.$ref.startsWith('#'); ++hops) {
      sub = sub.$ref.slice(1).split('/').slice(1)
        .reduce((at, token) => (at == null ? at : at[token.replace(/~1/g, '/').replace(/~0/g, '~')]), schema);
    }
    return isObject(sub) ? sub : null;
  };
  const compile = (sub) => {
    sub = resolve(sub);
    if (sub === null) return null;
    if (nodes.has(sub)) return nodes.get(sub);
    const node = {
      format: typeof sub.format === 'string' ? sub.format : null,
      readOnly: sub.readOnly === true,
      properties: null,      // Map name -> node, for the members with an object subschema
      names: null,           // every documented name, for suggestions; null: no typo warnings
      additional: null,      // node of an object additionalProperties
      items: null,           // node of an object items
    };
    nodes.set(sub, node);
    if (isObject(sub.properties)) {
      node.properties = new Map();
      for (const [name, value] of Object.entries(sub.properties)) {
        if (isObject(value)) node.properties.set(name, compile(value));
      }
      if (typeof sub.additionalProperties !== 'boolean') node.names = Object.keys(sub.properties);
    }
    if (isObject(sub.additionalProperties)) node.additional = compile(sub.additionalProperties);
    if (isObject(sub.items)) node.items = compile(sub.items);
    return node;
  };
  return compile(schema);
}

// Edit distance, ASCII case-insensitive, '-' and '_' alike, over UTF-8 bytes (as the C++ code);
// names longer than 64 bytes are never suggested.
function foldByte(c) {
  if (c >= 65 && c <= 90) return c + 32;
  return c === 45 ? 95 : c;
}

function editDistance(a, b) {
  if (a.length > 64 || b.length > 64) return 1000;
  let previous = new Array(b.length + 1);
  let current = new Array(b.length + 1);
  for (let j = 0; j <= b.length; ++j) previous[j] = j;
  for (let i = 1; i <= a.length; ++i) {
    current[0] = i;
    for (let j = 1; j <= b.length; ++j) {
      const same = foldByte(a[i - 1]) === foldByte(b[j - 1]);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1));
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

function suggestion(names, name) {
  const bytes = Buffer.from(name, 'utf8');
  let best = '';
  let bestDistance = Math.max(2, Math.floor(bytes.length / 3)) + 1;
  for (const candidate of names) {
    const d = editDistance(bytes, Buffer.from(candidate, 'utf8'));
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function checkFormat(text, format, pathTokens, out) {
  if (format === 'date-time') {
    const parsed = parseDateTime(text);
    if (typeof parsed === 'string') {
      out.push(finding('BF2004', pointerOf(pathTokens), quoteText(text) + ' is not an RFC 3339 date-time (' + parsed +
        '); expected e.g. "2021-11-11T10:11:11+00:00"'));
    }
  } else if (format === 'uuid' && !isUuid(text)) {
    out.push(finding('BF2005', pointerOf(pathTokens), quoteText(text) +
      ' is not a UUID; expected 8-4-4-4-12 hexadecimal digits, e.g. "4e9d3726-bdd7-0079-613c-e9aaba89eb01"'));
  }
}

// `pathTokens` is the path to `value`, extended and restored in place (pointers are built only
// for a finding).
function walk(value, node, pathTokens, out) {
  if (node === null) return;
  if (typeof value === 'string') {
    if (node.format !== null) checkFormat(value, node.format, pathTokens, out);
  } else if (Array.isArray(value)) {
    if (node.items === null) return;
    for (let i = 0; i < value.length; ++i) {
      pathTokens.push(i);
      walk(value[i], node.items, pathTokens, out);
      pathTokens.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const name in value) {
      pathTokens.push(name);
      let sub = node.properties !== null ? node.properties.get(name) : undefined;
      if (sub === undefined && node.additional !== null) sub = node.additional;
      if (sub !== undefined) {
        if (sub !== null && sub.readOnly) {
          out.push(finding('BF2010', pointerOf(pathTokens), 'member ' + quoteText(name) +
            ' is read-only; the server sets it and ignores it in a request'));
        }
        walk(value[name], sub, pathTokens, out);
      } else if (node.names !== null) {
        const near = suggestion(node.names, name);
        const unknown = finding('BF2011', pointerOf(pathTokens), 'member ' + quoteText(name) +
          ' is not part of the documented shape and is ignored' + (near ? '; did you mean ' + quoteText(near) + '?' : ''));
        if (near) unknown.suggestion = near;
        out.push(unknown);
      }
      pathTokens.pop();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The request rules (src/rules/request.cpp).

const UPDATES = '/data/attributes/updates';
const EXPECTED_STATUS = ['in_progress', 'completed'];
const ROLE = ['first update (the start)', 'second update (the end)'];

// BF2001: exactly two updates.
function checkUpdatesCount(updates, out) {
  if (updates.length === 2) return;
  out.push(finding('BF2001', UPDATES, 'updates holds ' + updates.length + (updates.length === 1 ? ' item' : ' items') +
    '; exactly two are required: the start (in_progress) and the end (completed)'));
}

// BF2002: first in_progress, second completed.
function checkStatusOrder(updates, out) {
  for (let i = 0; i < Math.min(updates.length, 2); ++i) {
    const status = stringMember(updates[i], 'status');
    if (status === undefined || status === EXPECTED_STATUS[i]) continue;
    out.push(finding('BF2002', UPDATES + '/' + i + '/status', 'the ' + ROLE[i] + ' has status ' + quoteText(status) +
      '; it must be "' + EXPECTED_STATUS[i] + '"'));
  }
}

// BF2003 and BF2009: started_at strictly increasing as instants; the end not after now.
function checkStartedAt(updates, now, out) {
  if (updates.length < 2) return;
  const second = stringMember(updates[1], 'started_at');
  if (second === undefined) return;
  const finish = parseDateTime(second);
  if (typeof finish === 'string') return;  // reported by BF2004
  const first = stringMember(updates[0], 'started_at');
  if (first !== undefined) {
    const begin = parseDateTime(first);
    if (typeof begin !== 'string') {
      const order = compareInstants(finish, begin);
      if (order <= 0) {
        out.push(finding('BF2003', UPDATES + '/1/started_at', 'the second update starts at ' + quoteText(second) +
          (order === 0 ? ', the same instant as' : ', before') + " the first update's " + quoteText(first) +
          '; it must be strictly later'));
      }
    }
  }
  if (compareInstants(finish, now) > 0) {
    out.push(finding('BF2009', UPDATES + '/1/started_at', 'the maintenance completes at ' + quoteText(second) +
      ', after now (' + formatInstant(now) + '); a backfill records a maintenance that already happened'));
  }
}

/** An update's component ids: keys[c] compares ids case-insensitively (undefined: no string id),
 *  first maps a key to the first position with it. */
class ComponentIndex {
  constructor(components) {
    this.keys = new Array(components.length);
    this.first = new Map();
    this.allUuids = true;
    this.repeats = [];  // [position, position of the previous copy]
    let latest = null;  // key -> latest position, once an id repeats
    for (let c = 0; c < components.length; ++c) {
      const id = stringMember(components[c], 'id');
      if (id === undefined) continue;
      let key;
      if (isUuid(id)) {
        key = id.toLowerCase();  // ASCII only: safe
      } else {
        key = asciiLower(id);  // never equal to a UUID's key: folding keeps a UUID a UUID
        this.allUuids = false;
      }
      this.keys[c] = key;
      const earlier = this.first.get(key);
      if (earlier === undefined) {
        this.first.set(key, c);
        continue;
      }
      latest = latest || new Map();
      // Each repeat is reported against the previous copy (a third copy against the second).
      this.repeats.push([c, latest.has(key) ? latest.get(key) : earlier]);
      latest.set(key, c);
    }
  }
}

// BF2006 component statuses; BF2007 duplicates within an update.
function checkComponents(components, index, update, out) {
  for (let c = 0; c < components.length; ++c) {
    const status = stringMember(components[c], 'status');
    if (status === undefined || status === 'operational' || status === 'maintenance') continue;
    out.push(finding('BF2006', UPDATES + '/' + update + '/components_affected/' + c + '/status', quoteText(status) +
      ' is not a status of a component under maintenance; expected "operational" or "maintenance"'));
  }
  for (const [later, earlier] of index.repeats) {
    out.push(finding('BF2007', UPDATES + '/' + update + '/components_affected/' + later + '/id', 'component ' +
      quoteText(components[later].id) + ' is already listed at index ' + earlier + ' of this update; list each component once'));
  }
}

// BF2008: a component put in maintenance at the start is operational at the end.
function checkComponentsRestored(start, atStart, end, atEnd, out) {
  // An unreadable id at completion may be the missing component: its own finding suffices.
  if (!atEnd.allUuids) return;
  for (let c = 0; c < start.length; ++c) {
    const key = atStart.keys[c];
    if (key === undefined || stringMember(start[c], 'status') !== 'maintenance') continue;
    const restored = atEnd.first.get(key);
    if (restored === undefined) {
      out.push(finding('BF2008', UPDATES + '/1/components_affected', 'component ' + quoteText(start[c].id) +
        ' is in maintenance at the start but not listed at completion; list it with status "operational"'));
    } else if (stringMember(end[restored], 'status') === 'maintenance') {
      out.push(finding('BF2008', UPDATES + '/1/components_affected/' + restored + '/status', 'component ' +
        quoteText(start[c].id) + ' is still in maintenance at completion; expected "operational"'));
    }
  }
}

// A misspelt required member is one fault (as validate.cpp's fold_misspellings): when the schema
// reports `required` missing at the parent of an unknown member whose suggestion is that name, the
// unknown-member warning is dropped.
function foldMisspellings(findings, schemaErrors) {
  const missing = new Set();
  for (const e of schemaErrors) {
    if (e.keyword === 'required') missing.add(e.instancePath + '\u0000' + e.params.missingProperty);
  }
  if (missing.size === 0) return findings;
  return findings.filter((f) => f.suggestion === undefined ||
    !missing.has(f.pointer.slice(0, f.pointer.lastIndexOf('/')) + '\u0000' + f.suggestion));
}

let requestWalk = null;

/** Uses `schema` (the bundled request schema, as given to ajv) for the schema-driven rules;
 *  without a call, ./request.bundled.json is read on first use. */
function useSchema(schema) {
  requestWalk = compileSchemaWalk(schema);
}

/** Every request-rule finding for a parsed document, at `now` (an Instant from parseDateTime).
 *  `schemaErrors` (optional): ajv's errors for the document, to fold misspelt required members. */
function checkRequestRules(doc, now, schemaErrors = null) {
  if (requestWalk === null) {
    useSchema(JSON.parse(fs.readFileSync(path.join(__dirname, 'request.bundled.json'), 'utf8')));
  }
  let out = [];
  walk(doc, requestWalk, [], out);
  if (schemaErrors !== null && out.length > 0) out = foldMisspellings(out, schemaErrors);
  const updates = memberOf(memberOf(memberOf(doc, 'data'), 'attributes'), 'updates');
  if (!Array.isArray(updates)) return out;
  checkUpdatesCount(updates, out);
  checkStatusOrder(updates, out);
  checkStartedAt(updates, now, out);
  const lists = [null, null];
  const indexes = [null, null];
  for (let i = 0; i < updates.length; ++i) {
    const components = memberOf(updates[i], 'components_affected');
    if (!Array.isArray(components)) continue;
    const index = new ComponentIndex(components);
    checkComponents(components, index, i, out);
    if (i < 2) {
      lists[i] = components;
      indexes[i] = index;
    }
  }
  if (lists[0] !== null && lists[1] !== null) checkComponentsRestored(lists[0], indexes[0], lists[1], indexes[1], out);
  return out;
}

module.exports = {checkRequestRules, useSchema, parseDateTime, compareInstants, formatInstant, isUuid, Instant};
