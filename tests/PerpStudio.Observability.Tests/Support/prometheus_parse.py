"""Parses a Prometheus text exposition from stdin with prometheus_client's parser and prints the families as JSON.

Run with Debian's /usr/bin/python3; needs the Debian package python3-prometheus-client.
"""
import json
import sys

try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError:
    print("MISSING: /usr/bin/python3 cannot import prometheus_client; install the Debian package python3-prometheus-client", file=sys.stderr)
    sys.exit(3)

families = []
for family in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        "name": family.name,
        "type": family.type,
        "samples": [[s.name, s.labels, repr(s.value)] for s in family.samples],
    })
json.dump(families, sys.stdout)
