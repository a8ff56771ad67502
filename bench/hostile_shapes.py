#!/usr/bin/env python3
"""Hostile document shapes for the resource-budget figures (issue 11): each shape at a given size.

Usage: hostile_shapes.py SHAPE N > FILE      (N: the number of repeated parts)
       hostile_shapes.py --list
The unit test tests/unit/budget-test.cpp builds the same shapes in C++ and checks allocated bytes;
this script feeds the CLI for the peak-RSS and time figures in docs/performance.md.
"""
import json
import sys

UUID = "4e9d3726-bdd7-0079-613c-e9aaba89eb01"


def request(components=None, extra_attributes="", updates_tail=""):
    comps = components if components is not None else '{"id":"%s","status":"maintenance"}' % UUID
    return ('{"data":{"type":"maintenances","attributes":{%s"title":"t","updates":['
            '{"description":"a","started_at":"2021-11-11T11:11:11Z","status":"in_progress","components_affected":[%s]},'
            '{"description":"b","started_at":"2021-11-11T12:11:11Z","status":"completed","components_affected":[%s]}%s]}}}'
            % (extra_attributes, comps, comps, updates_tail))


SHAPES = {
    # a repeated member name plus N empty components_affected items (issue 11: 2.9 GB at 3 MB)
    "repeat-and-empty-items": lambda n: request(",".join(["{}"] * n), '"title":"x",'),
    "empty-items": lambda n: request(",".join(["{}"] * n)),
    "unknown-members": lambda n: request(extra_attributes="".join('"zz%d":0,' % i for i in range(n))),
    "one-member-repeated": lambda n: request(extra_attributes='"zz":0,' * n),
    "bad-uuids": lambda n: request(",".join('{"id":"x%d","status":"maintenance"}' % i for i in range(n))),
    "named-components": lambda n: request(",".join('{"id":"%s","status":"maintenance","name":"c"}' % UUID for _ in range(n))),
    "wrong-types": lambda n: request(",".join(["5"] * n)),
    "long-string": lambda n: request(extra_attributes='"description":"%s",' % ("\\u0007" * n)),
    "warnings-then-error": lambda n: request(extra_attributes="".join('"zz%d":0,' % i for i in range(n)),
                                             updates_tail=',{"x":1}'),
    "repeats-under-long-name": lambda n: '{"%s":{%s},"data":5}' % ("n" * n, ",".join('"a%d":1,"a%d":1' % (i, i) for i in range(n // 16))),
    "many-updates-response": lambda n: json.dumps({"data": {"type": "maintenances", "id": UUID, "attributes": {
        "status": "completed", "updates": [{"id": "u%d" % i, "started_at": "nope", "status": "x"} for i in range(n)]}}}),
}

if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        print("\n".join(SHAPES))
    else:
        sys.stdout.write(SHAPES[sys.argv[1]](int(sys.argv[2])))
