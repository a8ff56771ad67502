"""python-jsonschema with backfill-check's request rules written in Python: the peer that
bench/python_bench.py compares the backfill_check package with, as bench/ajv-peer is for JavaScript.

    peer = Peer(bundled_request_schema)      # python-jsonschema's Draft7Validator, all errors
    valid = peer.check(json.loads(line), NOW)

check_request_rules() mirrors bench/ajv-peer/rules.js (and through it src/rules/request.cpp,
src/schema/walk.cpp, src/formats/date_time.cpp and src/formats/uuid.cpp): BF2001-BF2011 with the same
pointers, messages and severities, an exact RFC 3339 parser and case-insensitive ids. Values of
the wrong type are skipped: the schema reports them. A document is valid when the schema accepts
it and no rule reports an error (warnings do not count).
"""
import json
import os
import re
import sys

import jsonschema

SEVERITY = {
    "BF2001": "error", "BF2002": "error", "BF2003": "error", "BF2004": "error", "BF2005": "error", "BF2006": "error",
    "BF2007": "error", "BF2008": "warning", "BF2009": "warning", "BF2010": "warning", "BF2011": "warning",
}


def finding(code, pointer, message, suggestion=None):
    return {"code": code, "pointer": pointer, "message": message, "severity": SEVERITY[code], "suggestion": suggestion}


def request_schema(source_root):
    """The request schema with its references into common.schema.json made local (as run.sh does)."""
    sys.path.insert(0, os.path.join(source_root, "scripts"))
    import embed_schemas  # noqa: E402 (the project's bundler)
    files = {name: json.load(open(os.path.join(source_root, "schemas", name), encoding="utf-8"))
             for name in ("common.schema.json", "request.schema.json")}
    return embed_schemas.bundle(json.loads(json.dumps(files["request.schema.json"])), "request.schema.json", files)


# ------------------------------------------------------------------------------------------------
# RFC 3339 date-time (section 5.6) to an exact instant: (seconds since 1970, attoseconds). Python's
# datetime.fromisoformat is lenient (it accepts "2021-11-11 10:11:11") and keeps only microseconds.

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DIGITS = re.compile(r"[0-9]+")


def _digits(text, at, count):
    chunk = text[at:at + count]
    return int(chunk) if len(chunk) == count and chunk.isascii() and chunk.isdigit() else -1


def _is_leap(year):
    return (year % 4 == 0 and year % 100 != 0) or year % 400 == 0


def _days_from_civil(year, month, day):
    y = year - (1 if month <= 2 else 0)
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def parse_date_time(text):
    """(seconds, attoseconds), or a str saying what is wrong."""
    year = _digits(text, 0, 4)
    month = _digits(text, 5, 2) if text[4:5] == "-" else -1
    day = _digits(text, 8, 2) if text[7:8] == "-" else -1
    if year < 0 or month < 0 or day < 0:
        return "expected a full date YYYY-MM-DD"
    if not 1 <= month <= 12:
        return "month is not 01-12"
    month_days = 29 if month == 2 and _is_leap(year) else DAYS_IN_MONTH[month - 1]
    if not 1 <= day <= month_days:
        return "day does not exist in that month"
    if text[10:11] not in ("T", "t"):
        return "expected 'T' between date and time"
    hour = _digits(text, 11, 2)
    minute = _digits(text, 14, 2) if text[13:14] == ":" else -1
    second = _digits(text, 17, 2) if text[16:17] == ":" else -1
    if hour < 0 or minute < 0 or second < 0:
        return "expected a time hh:mm:ss"
    if hour > 23:
        return "hour is not 00-23"
    if minute > 59:
        return "minute is not 00-59"
    if second > 60:
        return "second is not 00-60"
    at = 19
    attoseconds = 0
    if text[at:at + 1] == ".":
        match = _DIGITS.match(text, at + 1)
        fraction = match.group(0) if match and match.group(0).isascii() else ""
        if not fraction:
            return "expected digits after '.'"
        attoseconds = int((fraction[:18]).ljust(18, "0"))  # digits past the 18th carry no weight
        at += 1 + len(fraction)
    zone = text[at:at + 1]
    offset_minutes = 0
    if zone in ("Z", "z"):
        at += 1
    else:
        if zone not in ("+", "-"):
            return "expected an offset: 'Z' or +hh:mm / -hh:mm"
        offset_hour = _digits(text, at + 1, 2)
        offset_minute = _digits(text, at + 4, 2) if text[at + 3:at + 4] == ":" else -1
        if offset_hour < 0 or offset_minute < 0:
            return "expected an offset +hh:mm or -hh:mm"
        if offset_hour > 23:
            return "offset hour is not 00-23"
        if offset_minute > 59:
            return "offset minute is not 00-59"
        offset_minutes = (1 if zone == "+" else -1) * (offset_hour * 60 + offset_minute)
        at += 6
    if at != len(text):
        return "unexpected characters after the date-time"
    utc_minutes = _days_from_civil(year, month, day) * 1440 + hour * 60 + minute - offset_minutes
    if second == 60 and utc_minutes % 1440 != 23 * 60 + 59:  # a leap second is at 23:59:60 UTC only
        return "second 60 is only valid at 23:59:60 UTC"
    return (utc_minutes * 60 + second, attoseconds)


def format_instant(instant):
    import datetime
    seconds, attoseconds = instant
    text = (datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")
    if attoseconds:
        text += ("." + "%018d" % attoseconds).rstrip("0")
    return text + "Z"


# ------------------------------------------------------------------------------------------------
# UUID text form, any version and variant, either case.
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


def is_uuid(text):
    return len(text) == 36 and _UUID.match(text) is not None


def ascii_lower(text):
    return re.sub(r"[A-Z]+", lambda m: m.group(0).lower(), text)


# ------------------------------------------------------------------------------------------------
# Messages and pointers.

def quote_text(text):
    return json.dumps(text[:60] + "..." if len(text) > 60 else text, ensure_ascii=False)


def pointer_of(tokens):
    return "".join("/" + (str(t) if isinstance(t, int) else t.replace("~", "~0").replace("/", "~1")) for t in tokens)


def member_of(value, name):
    return value.get(name) if isinstance(value, dict) else None


def string_member(value, name):
    member = member_of(value, name)
    return member if isinstance(member, str) else None


# ------------------------------------------------------------------------------------------------
# The schema walk: every string whose subschema has "format" date-time or uuid is checked exactly,
# read-only members (BF2010) and members no documented shape names (BF2011, with a suggestion).

class Node:
    __slots__ = ("format", "read_only", "properties", "names", "additional", "items")


def compile_schema_walk(schema):
    nodes = {}

    def resolve(sub):
        for _ in range(16):
            if not (isinstance(sub, dict) and isinstance(sub.get("$ref"), str) and sub["$ref"].startswith("#")):
                break
            at = schema
            for token in sub["$ref"][1:].split("/")[1:]:
                at = at.get(token.replace("~1", "/").replace("~0", "~")) if isinstance(at, dict) else None
            sub = at
        return sub if isinstance(sub, dict) else None

    def compile_node(sub):
        sub = resolve(sub)
        if sub is None:
            return None
        if id(sub) in nodes:
            return nodes[id(sub)]
        node = Node()
        node.format = sub.get("format") if isinstance(sub.get("format"), str) else None
        node.read_only = sub.get("readOnly") is True
        node.properties = node.names = node.additional = node.items = None
        nodes[id(sub)] = node
        if isinstance(sub.get("properties"), dict):
            node.properties = {name: compile_node(value) for name, value in sub["properties"].items()
                               if isinstance(value, dict)}
            if not isinstance(sub.get("additionalProperties"), bool):
                node.names = list(sub["properties"])
        if isinstance(sub.get("additionalProperties"), dict):
            node.additional = compile_node(sub["additionalProperties"])
        if isinstance(sub.get("items"), dict):
            node.items = compile_node(sub["items"])
        return node

    return compile_node(schema)


def _fold(c):
    if 65 <= c <= 90:
        return c + 32
    return 95 if c == 45 else c


def edit_distance(a, b):
    """ASCII case-insensitive, '-' and '_' alike, over UTF-8 bytes; names over 64 bytes never match."""
    if len(a) > 64 or len(b) > 64:
        return 1000
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            same = _fold(a[i - 1]) == _fold(b[j - 1])
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (0 if same else 1))
        previous = current
    return previous[len(b)]


def suggestion(names, name):
    data = name.encode("utf-8", "surrogatepass")
    best, best_distance = "", max(2, len(data) // 3) + 1
    for candidate in names:
        d = edit_distance(data, candidate.encode("utf-8"))
        if d < best_distance:
            best, best_distance = candidate, d
    return best


def check_format(text, fmt, tokens, out):
    if fmt == "date-time":
        parsed = parse_date_time(text)
        if isinstance(parsed, str):
            out.append(finding("BF2004", pointer_of(tokens), quote_text(text) + " is not an RFC 3339 date-time (" +
                               parsed + '); expected e.g. "2021-11-11T10:11:11+00:00"'))
    elif fmt == "uuid" and not is_uuid(text):
        out.append(finding("BF2005", pointer_of(tokens), quote_text(text) +
                           ' is not a UUID; expected 8-4-4-4-12 hexadecimal digits, e.g. "4e9d3726-bdd7-0079-613c-e9aaba89eb01"'))


def walk(value, node, tokens, out):
    if node is None:
        return
    if isinstance(value, str):
        if node.format is not None:
            check_format(value, node.format, tokens, out)
    elif isinstance(value, list):
        if node.items is None:
            return
        for i, item in enumerate(value):
            tokens.append(i)
            walk(item, node.items, tokens, out)
            tokens.pop()
    elif isinstance(value, dict):
        for name, member in value.items():
            tokens.append(name)
            sub = node.properties.get(name) if node.properties is not None else None
            known = node.properties is not None and name in node.properties
            if not known and node.additional is not None:
                sub, known = node.additional, True
            if known:
                if sub is not None and sub.read_only:
                    out.append(finding("BF2010", pointer_of(tokens), "member " + quote_text(name) +
                                       " is read-only; the server sets it and ignores it in a request"))
                walk(member, sub, tokens, out)
            elif node.names is not None:
                near = suggestion(node.names, name)
                out.append(finding("BF2011", pointer_of(tokens), "member " + quote_text(name) +
                                   " is not part of the documented shape and is ignored" +
                                   ("; did you mean " + quote_text(near) + "?" if near else ""), near or None))
            tokens.pop()


# ------------------------------------------------------------------------------------------------
# The request rules.

UPDATES = "/data/attributes/updates"
EXPECTED_STATUS = ["in_progress", "completed"]
ROLE = ["first update (the start)", "second update (the end)"]


def check_updates_count(updates, out):
    if len(updates) != 2:
        out.append(finding("BF2001", UPDATES, "updates holds %d %s; exactly two are required: the start (in_progress) "
                           "and the end (completed)" % (len(updates), "item" if len(updates) == 1 else "items")))


def check_status_order(updates, out):
    for i in range(min(len(updates), 2)):
        status = string_member(updates[i], "status")
        if status is None or status == EXPECTED_STATUS[i]:
            continue
        out.append(finding("BF2002", "%s/%d/status" % (UPDATES, i), "the " + ROLE[i] + " has status " +
                           quote_text(status) + '; it must be "' + EXPECTED_STATUS[i] + '"'))


def check_started_at(updates, now, out):
    if len(updates) < 2:
        return
    second = string_member(updates[1], "started_at")
    if second is None:
        return
    finish = parse_date_time(second)
    if isinstance(finish, str):
        return  # reported by BF2004
    first = string_member(updates[0], "started_at")
    if first is not None:
        begin = parse_date_time(first)
        if not isinstance(begin, str) and finish <= begin:
            out.append(finding("BF2003", UPDATES + "/1/started_at", "the second update starts at " + quote_text(second) +
                               (", the same instant as" if finish == begin else ", before") + " the first update's " +
                               quote_text(first) + "; it must be strictly later"))
    if finish > now:
        out.append(finding("BF2009", UPDATES + "/1/started_at", "the maintenance completes at " + quote_text(second) +
                           ", after now (" + format_instant(now) + "); a backfill records a maintenance that already happened"))


class ComponentIndex:
    """keys[c] compares ids case-insensitively (None: no string id); first maps a key to its first position."""

    def __init__(self, components):
        self.keys = [None] * len(components)
        self.first = {}
        self.all_uuids = True
        self.repeats = []  # (position, position of the previous copy)
        latest = {}
        for c, component in enumerate(components):
            component_id = string_member(component, "id")
            if component_id is None:
                continue
            if is_uuid(component_id):
                key = component_id.lower()
            else:
                key = ascii_lower(component_id)
                self.all_uuids = False
            self.keys[c] = key
            earlier = self.first.get(key)
            if earlier is None:
                self.first[key] = c
                continue
            self.repeats.append((c, latest.get(key, earlier)))
            latest[key] = c


def check_components(components, index, update, out):
    for c, component in enumerate(components):
        status = string_member(component, "status")
        if status is None or status in ("operational", "maintenance"):
            continue
        out.append(finding("BF2006", "%s/%d/components_affected/%d/status" % (UPDATES, update, c), quote_text(status) +
                           ' is not a status of a component under maintenance; expected "operational" or "maintenance"'))
    for later, earlier in index.repeats:
        out.append(finding("BF2007", "%s/%d/components_affected/%d/id" % (UPDATES, update, later), "component " +
                           quote_text(components[later]["id"]) + " is already listed at index %d of this update; "
                           "list each component once" % earlier))


def check_components_restored(start, at_start, end, at_end, out):
    if not at_end.all_uuids:
        return  # an unreadable id at completion may be the missing component: its own finding suffices
    for c, component in enumerate(start):
        key = at_start.keys[c]
        if key is None or string_member(component, "status") != "maintenance":
            continue
        restored = at_end.first.get(key)
        if restored is None:
            out.append(finding("BF2008", UPDATES + "/1/components_affected", "component " + quote_text(component["id"]) +
                               ' is in maintenance at the start but not listed at completion; list it with status "operational"'))
        elif string_member(end[restored], "status") == "maintenance":
            out.append(finding("BF2008", "%s/1/components_affected/%d/status" % (UPDATES, restored), "component " +
                               quote_text(component["id"]) + ' is still in maintenance at completion; expected "operational"'))


def fold_misspellings(findings, schema_errors):
    """A misspelt required member is one fault: drop the unknown-member warning whose suggestion
    is a member the schema reports missing at the same place."""
    missing = set()
    for error in schema_errors:
        if error.validator == "required":
            name = re.match(r"'(.*)' is a required property", error.message)
            if name:
                missing.add((pointer_of(error.absolute_path), name.group(1)))
    if not missing:
        return findings
    return [f for f in findings if f["suggestion"] is None or
            (f["pointer"][:f["pointer"].rfind("/")], f["suggestion"]) not in missing]


def check_request_rules(doc, now, walk_root, schema_errors=()):
    out = []
    walk(doc, walk_root, [], out)
    if schema_errors and out:
        out = fold_misspellings(out, schema_errors)
    updates = member_of(member_of(member_of(doc, "data"), "attributes"), "updates")
    if not isinstance(updates, list):
        return out
    check_updates_count(updates, out)
    check_status_order(updates, out)
    check_started_at(updates, now, out)
    lists, indexes = [None, None], [None, None]
    for i, update in enumerate(updates):
        components = member_of(update, "components_affected")
        if not isinstance(components, list):
            continue
        index = ComponentIndex(components)
        check_components(components, index, i, out)
        if i < 2:
            lists[i], indexes[i] = components, index
    if lists[0] is not None and lists[1] is not None:
        check_components_restored(lists[0], indexes[0], lists[1], indexes[1], out)
    return out


class Peer:
    """python-jsonschema (Draft 7, every error, format checks) plus the request rules."""

    def __init__(self, schema):
        schema = dict(schema)
        schema.pop("$schema", None)
        self.validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.draft7_format_checker)
        self.walk_root = compile_schema_walk(schema)

    def schema_only(self, doc):
        return self.validator.is_valid(doc)

    def check(self, doc, now):
        errors = list(self.validator.iter_errors(doc))
        findings = check_request_rules(doc, now, self.walk_root, errors)
        return not errors and not any(f["severity"] == "error" for f in findings)
