"""Checks a Helm chart without helm: YAML of Chart.yaml, values.yaml and every template (template actions replaced),
.Values paths against values.yaml, and that every value is documented (values.yaml comments and README.md).

Usage: /usr/bin/python3 chart_check.py <chart-dir>. Prints one JSON report on stdout. Needs PyYAML (Debian python3-yaml).
"""
import glob
import json
import os
import re
import sys

try:
    import yaml
except ImportError:
    print("MISSING: /usr/bin/python3 cannot import yaml; install the Debian package python3-yaml", file=sys.stderr)
    sys.exit(3)

ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
CONTROL = re.compile(r"^(if|else|end|range|with|define|block)\b")
VALUES_PATH = re.compile(r"\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
PLACEHOLDER = "PLACEHOLDER"


def transform(text):
    """Drops control lines, turns whole-line output actions into comments and inline actions into a scalar."""
    out, errors, depth = [], [], 0
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        whole = ACTION.fullmatch(stripped)
        if whole:
            body = whole.group(1)
            control = CONTROL.match(body)
            if control:
                word = control.group(1)
                if word in ("if", "range", "with", "define", "block"):
                    depth += 1
                elif word == "end":
                    depth -= 1
                    if depth < 0:
                        errors.append(f"line {number}: end without a block")
                continue
            out.append(line[: len(line) - len(line.lstrip())] + "# rendered: " + body)
            continue
        for action in ACTION.finditer(line):
            if CONTROL.match(action.group(1)):
                errors.append(f"line {number}: control action inside a line: {action.group(0)}")
        out.append(ACTION.sub(PLACEHOLDER, line))
    if depth != 0:
        errors.append(f"{depth} block(s) not closed by end")
    return "\n".join(out), errors


def resolve(values, path):
    node = values
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def walk_keys(node, lines, prefix, keys, leaves):
    """Every mapping key (not inside lists) with whether a comment documents it; leaves are non-mapping values."""
    for key_node, value_node in node.value:
        path = prefix + [key_node.value]
        line = key_node.start_mark.line
        previous = line - 1
        while previous >= 0 and lines[previous].strip() == "":
            previous -= 1
        documented = "#" in lines[line].split(":", 1)[1] if ":" in lines[line] else False
        documented = documented or (previous >= 0 and lines[previous].strip().startswith("#"))
        keys.append({"path": ".".join(path), "documented": documented})
        if isinstance(value_node, yaml.MappingNode) and value_node.value:
            walk_keys(value_node, lines, path, keys, leaves)
        else:
            leaves.append(".".join(path))


def main(chart):
    report = {"errors": []}
    with open(os.path.join(chart, "Chart.yaml"), encoding="utf-8") as f:
        report["chart"] = yaml.safe_load(f)
    with open(os.path.join(chart, "values.yaml"), encoding="utf-8") as f:
        values_text = f.read()
    values = yaml.safe_load(values_text)
    report["values"] = values

    templates, used = {}, set()
    for path in sorted(glob.glob(os.path.join(chart, "templates", "*.yaml"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for match in VALUES_PATH.finditer(text):
            used.add(match.group(1)[1:])
        transformed, errors = transform(text)
        report["errors"] += [f"{name}: {e}" for e in errors]
        try:
            templates[name] = [d for d in yaml.safe_load_all(transformed) if d is not None]
        except yaml.YAMLError as e:
            report["errors"].append(f"{name}: not YAML once actions are replaced: {e}")
    report["templates"] = templates
    report["used"] = sorted(used)
    report["undefined"] = sorted(p for p in used if not resolve(values, p.split(".")))

    keys, leaves = [], []
    walk_keys(yaml.compose(values_text), values_text.split("\n"), [], keys, leaves)
    report["keys"] = len(keys)
    report["undocumented"] = [k["path"] for k in keys if not k["documented"]]
    report["unused"] = sorted(l for l in leaves if not any(l == u or l.startswith(u + ".") for u in used))
    readme_path = os.path.join(chart, "README.md")
    readme = open(readme_path, encoding="utf-8").read() if os.path.exists(readme_path) else ""
    report["missingInReadme"] = [l for l in leaves if f"`{l}`" not in readme]
    json.dump(report, sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
