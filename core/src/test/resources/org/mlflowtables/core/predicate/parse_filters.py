"""Reads a JSON list of {id, parser, text} on stdin and prints, as JSON, what MLflow's own parsers
make of each text: a list of [entity, key, op, value] (or for order_by_runs [entity, key, ascending]),
or an error. Used by MlflowParserRoundTripIT; one process for the whole batch."""
import json
import sys

from mlflow.utils.search_logged_model_utils import parse_filter_string
from mlflow.utils.search_utils import (
    SearchExperimentsUtils,
    SearchModelUtils,
    SearchModelVersionUtils,
    SearchUtils,
)

ENTITIES = {
    "attribute": "attribute", "attributes": "attribute",
    "metric": "metric", "metrics": "metric",
    "parameter": "param", "params": "param",
    "tag": "tag", "tags": "tag",
    "dataset": "dataset",
}
PARSERS = {
    "runs": SearchUtils.parse_search_filter,
    "experiments": SearchExperimentsUtils.parse_search_filter,
    "registered_models": SearchModelUtils.parse_search_filter,
    "model_versions": SearchModelVersionUtils.parse_search_filter,
}


def value(v):
    if isinstance(v, tuple):
        return list(v)
    return v


def parse(case):
    parser, text = case["parser"], case["text"]
    if parser == "order_by_runs":
        entity, key, ascending = SearchUtils.parse_order_by_for_search_runs(text)
        return [[ENTITIES[entity], key, ascending]]
    if parser == "logged_models":
        out = []
        for c in parse_filter_string(text):
            key = c.entity.key
            if c.entity.type.value == "attributes" and key.endswith("_ms"):
                key = key[: -len("_ms")]
            out.append([ENTITIES[c.entity.type.value], key, c.op, value(c.value)])
        return out
    out = []
    for c in PARSERS[parser](text):
        v = c["value"]
        if c["type"] == "metric":
            v = float(v)
        out.append([ENTITIES[c["type"]], c["key"], c["comparator"].upper(), value(v)])
    return out


def main():
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        try:
            results.append({"id": case["id"], "parsed": parse(case)})
        except Exception as e:  # noqa: BLE001 - every failure is reported back to the test
            results.append({"id": case["id"], "error": f"{type(e).__name__}: {e}"})
    sys.stdout.write(json.dumps(results, ensure_ascii=True))


main()
