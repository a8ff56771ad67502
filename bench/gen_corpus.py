#!/usr/bin/env python3
"""Writes a deterministic NDJSON corpus of Create-backfilled-maintenance requests for bench/bench.

Usage: gen_corpus.py {small|large} OUT.ndjson [--count N] [--seed S] [--valid-share 0.7]
                     [--realistic names|unknown|ids|dates [--share 0.8] [--stripped]]

small: ~0.9 KB requests (a few components per update); large: ~90 KB requests (500 components per
update). 70% of the documents are valid; every other document carries exactly one fault, cycling
through FAULTS so that every rule (syntax, encoding, limits, duplicates, schema keywords, request
rules, warnings) is exercised. The same seed always gives the same bytes.

--realistic adds what requests built by hand or copied from a GET carry, on `--share` of the places
it can go, to every document (on top of its one fault, if any):
  names    a read-only "name" on components (one BF2010 warning each), as a copy of a GET has them
  unknown  an undocumented "position" on components (one BF2011 warning each)
  ids      component ids without their hyphens (one BF2005 error each)
  dates    100 updates of 5 components and 200-character descriptions (a copied history), started_at
           written "YYYY-MM-DD hh:mm:ss"
           (one BF2004 error each, beside the update count's errors)
--stripped writes the same documents without those additions (the baseline they are timed against:
the same random draws, so the two files differ only by what --realistic added).
"""
import argparse
import json
import random

FAULTS = [
    "json-syntax", "json-encoding", "json-limits", "json-duplicate-key",
    "schema-type", "schema-required", "schema-enum", "schema-items-min", "updates-count",
    "updates-status-order", "started-at-order", "date-time-format", "uuid-format",
    "component-status", "component-duplicate", "component-not-restored", "completed-in-future",
    "read-only-member", "unknown-member", "misspelt-required", "template-enum", "component-type",
]

WORDS = ("database storage network login checkout search billing api gateway cache queue replica "
         "primary index upgrade migration certificate rotation kernel patch failover region cluster").split()


def uuid(rng):
    h = "%032x" % rng.getrandbits(128)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def timestamp(rng, seconds):
    year, month, day = 2020 + rng.randrange(5), 1 + rng.randrange(12), 1 + rng.randrange(28)
    hour, minute = rng.randrange(20), rng.randrange(60)
    frac = rng.choice(["", ".5", ".282", ".123456"])
    zone = rng.choice(["Z", "+00:00", "z"])
    total = hour * 3600 + minute * 60 + seconds
    return "%04d-%02d-%02dT%02d:%02d:%02d%s%s" % (year, month, day, total // 3600, total // 60 % 60,
                                                  total % 60, frac, zone)


def valid_request(rng, components, description_words):
    ids = [uuid(rng) for _ in range(components)]
    start_status = [rng.choice(["maintenance", "maintenance", "operational"]) for _ in ids]
    start = timestamp(rng, rng.randrange(30))
    end = start[:17] + "%02d" % (int(start[17:19]) + 1 + rng.randrange(29)) + start[19:]
    request = {"data": {"type": "maintenances", "attributes": {
        "title": sentence(rng, 4),
        "updates": [
            {"components_affected": [{"id": i, "status": s} for i, s in zip(ids, start_status)],
             "description": sentence(rng, description_words), "started_at": start, "status": "in_progress"},
            {"components_affected": [{"id": i, "status": "operational"} for i in ids],
             "description": sentence(rng, description_words), "started_at": end, "status": "completed"},
        ]}}}
    if rng.random() < 0.3:
        request["data"]["relationships"] = {"template": {"data": {"id": uuid(rng), "type": "maintenance_templates"}}}
    return request


COMPONENT_NAMES = ["Login", "Checkout API", "Search", "Billing", "Primary database", "Status webhooks",
                   "Dashboard (EU)", "Édition de données"]


def realistic(rng, variant, doc, share, strip):
    """Adds the realistic variant's findings to `doc` (a valid request) with its own `rng`; with
    `strip`, draws the same numbers but adds nothing."""
    updates = doc["data"]["attributes"]["updates"]
    if variant == "dates":
        history = []
        for n in range(100):
            update = json.loads(json.dumps(updates[min(n, 1)]))
            update["components_affected"] = update["components_affected"][:5]
            update["description"] = update["description"][:200]
            if rng.random() < share and not strip:
                update["started_at"] = update["started_at"][:10] + " " + update["started_at"][11:19]
            history.append(update)
        doc["data"]["attributes"]["updates"] = history
        return
    for update in updates:
        for position, component in enumerate(update["components_affected"]):
            pick = rng.random() < share
            name = rng.choice(COMPONENT_NAMES)
            if not pick or strip:
                continue
            if variant == "names":
                component["name"] = name
            elif variant == "unknown":
                component["position"] = position
            elif variant == "ids":
                component["id"] = component["id"].replace("-", "")


def dump(doc):
    return json.dumps(doc, ensure_ascii=False)


def faulty(rng, fault, doc):
    """Returns the bytes of `doc` with exactly one fault."""
    attrs = doc["data"]["attributes"]
    first, second = attrs["updates"][:2]
    if fault == "json-syntax":
        return dump(doc)[:-2].encode() + b",}}"
    if fault == "json-encoding":
        return dump(doc).encode().replace(b'"title": "', b'"title": "\xff', 1)
    if fault == "json-limits":
        return dump(doc).replace('"title": ', '"title": ' + "[" * 130 + "]" * 130 + ', "x": ', 1).encode()
    if fault == "json-duplicate-key":
        return dump(doc).replace('"title": ', '"title": "first", "title": ', 1).encode()
    if fault == "schema-type":
        attrs["title"] = 42
    elif fault == "schema-required":
        del second["description"]
    elif fault == "schema-enum":
        doc["data"]["type"] = "maintenance"
    elif fault == "schema-items-min":
        attrs["updates"] = [first]
    elif fault == "updates-count":
        attrs["updates"] = [first, second, json.loads(json.dumps(second))]
    elif fault == "updates-status-order":
        first["status"], second["status"] = "completed", "in_progress"
    elif fault == "started-at-order":
        first["started_at"], second["started_at"] = second["started_at"], first["started_at"]
    elif fault == "date-time-format":
        first["started_at"] = first["started_at"].replace("T", " ")
    elif fault == "uuid-format":
        second["components_affected"][0]["id"] = second["components_affected"][0]["id"].replace("-", "")
    elif fault == "component-status":
        first["components_affected"][-1]["status"] = "degraded"
    elif fault == "component-duplicate":
        first["components_affected"].append(dict(first["components_affected"][0]))
    elif fault == "component-not-restored":
        first["components_affected"][0]["status"] = "maintenance"
        second["components_affected"][0]["status"] = "maintenance"
    elif fault == "completed-in-future":
        second["started_at"] = "2999-01-01T00:00:00Z"
    elif fault == "read-only-member":
        first["components_affected"][0]["name"] = "Login"
    elif fault == "unknown-member":
        doc["data"]["attributes"]["summary"] = "extra"
    elif fault == "misspelt-required":
        first["started-at"] = first.pop("started_at")
    elif fault == "template-enum":
        doc["data"]["relationships"] = {"template": {"data": {"id": uuid(rng), "type": "templates"}}}
    elif fault == "component-type":
        second["components_affected"][0] = "4e9d3726-bdd7-0079-613c-e9aaba89eb01"
    return dump(doc).encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=["small", "large"])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--valid-share", type=float, default=0.7)
    parser.add_argument("--title", help="this title in every request (e.g. non-ASCII text)")
    parser.add_argument("--realistic", choices=["names", "unknown", "ids", "dates"])
    parser.add_argument("--share", type=float, default=0.8)
    parser.add_argument("--stripped", action="store_true")
    args = parser.parse_args()
    count = args.count or (20000 if args.size == "small" else 200)
    components, words = (3, 12) if args.size == "small" else (500, 1100)
    rng = random.Random(args.seed)
    extra_rng = random.Random(args.seed + 1)  # the additions' own draws: stripping leaves `rng` alone
    with open(args.out, "wb") as out:
        faults = 0
        for n in range(count):
            doc = valid_request(rng, components, words)
            if args.title is not None:
                doc["data"]["attributes"]["title"] = args.title
            if args.realistic:
                realistic(extra_rng, args.realistic, doc, args.share, args.stripped)
            if rng.random() < args.valid_share:
                line = dump(doc).encode()
            else:
                line = faulty(rng, FAULTS[faults % len(FAULTS)], doc)
                faults += 1
            assert b"\n" not in line
            out.write(line + b"\n")


if __name__ == "__main__":
    main()
