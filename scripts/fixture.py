#!/usr/bin/env python3
"""The test fixture of mlflow-tables and its oracle.

Run with the python printed by ``scripts/mlflow-venv.sh``:

    fixture.py seed --uri URI
        Builds a reproducible data set through MLflow's own Python client (MlflowClient):
        experiments, runs, metrics, params, tags, run inputs/outputs, logged models and
        registered models, all named with the prefix ``fx-``. Refuses to seed twice.

    fixture.py dump --uri URI --out FILE [--prefix P]
        Writes what the Python client returns, as one JSON object, for the experiments and
        registered models whose names start with P (default ``fx-``; ``--prefix ''`` dumps
        everything on the server). This is the oracle the Java tests compare table rows with.

Dump format (keys are the column names of the tables in DESIGN.md where there is one):
  experiments:       experiment_id, name, artifact_location, lifecycle_stage, creation_time,
                     last_update_time, tags{}
  runs:              run_id, run_name, experiment_id, user_id, status, start_time, end_time,
                     artifact_uri, lifecycle_stage, metrics{key: value}, params{}, tags{},
                     latest_metrics[] (the run's metric objects: key, value, timestamp, step),
                     dataset_inputs[] (name, digest, source_type, source, schema, profile, tags{}),
                     model_inputs[] (model_id), model_outputs[] (model_id, step); inputs and
                     outputs come from get_run, as search_runs leaves out model_inputs
  metric_history:    run_id, key, value, timestamp, step, model_id, dataset_name, dataset_digest
                     (get_metric_history of every run and every key, in the order returned)
  registered_models: name, description, creation_time, last_updated_time, user_id, tags{},
                     aliases{alias: version}
  model_versions:    name, version, creation_time, last_updated_time, user_id, current_stage,
                     description, source, run_id, status, status_message, run_link, tags{},
                     aliases[] (from get_model_version: search leaves them out), model_id
  logged_models:     model_id, experiment_id, name, artifact_uri, status, status_message,
                     model_type, source_run_id, creation_time, last_updated_time, tags{}, params{},
                     metrics[] (every point: key, value, timestamp, step, run_id, model_id,
                     dataset_name, dataset_digest)

Floats that JSON cannot hold are written as the strings "NaN", "Infinity" and "-Infinity".
MLflow's SQL stores keep +/-Infinity as +/-1.7976931348623157e308, and the value the client
returns is recorded as it is. Times are epoch milliseconds.
"""

import argparse
import json
import math
import os
import random
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT", "true")

PREFIX = "fx-"
T0 = 1_700_000_000_000  # 2023-11-14T22:13:20Z, the fixed time base of runs and metric points
HOUR = 3_600_000

warnings.filterwarnings("ignore")


# --------------------------------------------------------------------------------------------
# seed
# --------------------------------------------------------------------------------------------

# Keys use every character class MLflow accepts in a param/metric/tag key (alphanumerics incl.
# non-Latin letters, "_", "-", ".", " ", "/", ":"). Refused by MLflow 3.17 and therefore absent:
# quotes (' and "), backslash, backtick, "," "=" "+" "(", and names that normalise to another
# path ("a//b", "a/", "/a", "./a").
SPECIAL_VALUES = [
    "it's",
    'say "hi"',
    "back\\slash",
    "line1\nline2",
    "tab\there",
    "rocket \U0001F680",
    "日本語のテキスト",
    "Ünïcödé ✓",
    "mixed 'single' and \"double\"",
    "",
    "percent % and underscore _",
    "semi;colon, comma",
]

EXPERIMENTS = {
    "fx-alpha": {
        "team": "vision",
        "project.stage": "dev",
        "owner/email": "alice@example.com",
        "quote note": "Alpha's \"main\" experiment",
    },
    "fx-beta": {
        "team": "nlp",
        "priority": "high",
        "ключ": "значение",
    },
    "fx-gamma": {
        "team": "vision",
        "emoji": "launch \U0001F680",
        "multi line": "first\nsecond",
    },
    "fx-deleted": {
        "team": "archive",
    },
}

RUNS_PER_EXPERIMENT = {"fx-alpha": 12, "fx-beta": 10, "fx-gamma": 7, "fx-deleted": 1}
STATUS_CYCLE = ["FINISHED", "FINISHED", "FAILED", "FINISHED", "RUNNING", "FINISHED", "KILLED"]
USERS = ["alice", "bob", "carol"]

PARAM_KEYS = [
    "lr",
    "batch_size",
    "optimizer",
    "model.depth",
    "data-path",
    "layers/hidden",
    "sched:gamma",
    "dropout rate",
    "über_param",
    "comment",
]
TAG_KEYS = ["env", "git.commit", "team-name", "path/to/thing", "k:v", "free text", "非拉丁"]


def _fmt(x):
    return repr(round(x, 6))


def seed(uri):
    from mlflow import MlflowClient
    from mlflow.entities import (
        Dataset,
        DatasetInput,
        InputTag,
        LoggedModelInput,
        LoggedModelOutput,
        LoggedModelStatus,
        Metric,
        ViewType,
    )

    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    existing = client.search_experiments(view_type=ViewType.ALL, filter_string="name = 'fx-alpha'")
    if existing:
        raise SystemExit("the fixture is already seeded on " + uri)

    rnd = random.Random(20240521)
    exp_ids = {}
    for name, tags in EXPERIMENTS.items():
        exp_ids[name] = client.create_experiment(name, tags=tags)

    runs = []  # (experiment name, index, run_id, status)
    global_index = 0
    for exp_name, count in RUNS_PER_EXPERIMENT.items():
        for i in range(count):
            start = T0 + global_index * HOUR
            user = USERS[global_index % len(USERS)]
            run_name = f"{exp_name}-run-{i:02d}"
            run = client.create_run(
                exp_ids[exp_name],
                start_time=start,
                run_name=run_name,
                tags={"mlflow.user": user},
            )
            run_id = run.info.run_id
            status = STATUS_CYCLE[global_index % len(STATUS_CYCLE)]
            _log_run_data(client, rnd, run_id, global_index, start)
            if status != "RUNNING":
                client.set_terminated(
                    run_id, status=status, end_time=start + rnd.randint(60_000, 3_000_000)
                )
            runs.append((exp_name, i, run_id, status))
            global_index += 1

    by_name = {(e, i): rid for e, i, rid, _ in runs}
    alpha0, alpha1, alpha2, alpha3 = (by_name[("fx-alpha", i)] for i in range(4))
    beta0, beta1 = by_name[("fx-beta", 0)], by_name[("fx-beta", 1)]
    gamma0 = by_name[("fx-gamma", 0)]

    # ---- the 300-step history and the edge cases of "latest" --------------------------------
    start = T0
    history = []
    value = 2.5
    for step in range(300):
        value = value * 0.99 + rnd.uniform(-0.01, 0.01)
        history.append(Metric("train/loss", round(value, 6), start + 10_000 + step * 1_000, step))
    client.log_batch(alpha0, metrics=history)
    # Several values at the same timestamp and step: MLflow's latest is the largest.
    client.log_batch(
        alpha0,
        metrics=[
            Metric("tie", 0.25, start + 500_000, 7),
            Metric("tie", 0.75, start + 500_000, 7),
            Metric("tie", 0.5, start + 500_000, 7),
            Metric("tie neg", -3.0, start + 500_000, 1),
            Metric("tie neg", -1.0, start + 500_000, 1),
        ],
    )
    client.log_batch(
        alpha1,
        metrics=[
            Metric("tie", 1.5, start + HOUR + 20_000, 2),
            Metric("tie", 1.25, start + HOUR + 20_000, 2),
        ],
    )
    # A larger step at an earlier timestamp: MLflow's SQL store ranks (step, timestamp, value),
    # so the latest value is 10.0 although 20.0 has the later timestamp.
    client.log_batch(
        alpha0,
        metrics=[
            Metric("step_vs_time", 10.0, start + 100_000, 10),
            Metric("step_vs_time", 20.0, start + 200_000, 5),
        ],
    )
    # The same point twice is stored once.
    client.log_batch(
        alpha2,
        metrics=[
            Metric("dup", 1.0, start + 2 * HOUR + 1_000, 0),
            Metric("dup", 1.0, start + 2 * HOUR + 1_000, 0),
            Metric("dup", 2.0, start + 2 * HOUR + 2_000, 1),
        ],
    )
    # NaN then a number, and a number then NaN.
    client.log_batch(
        alpha3,
        metrics=[
            Metric("nan then number", float("nan"), start + 3 * HOUR + 1_000, 0),
            Metric("nan then number", 4.0, start + 3 * HOUR + 2_000, 1),
            Metric("number then nan", 4.0, start + 3 * HOUR + 1_000, 0),
            Metric("number then nan", float("nan"), start + 3 * HOUR + 2_000, 1),
        ],
    )

    # ---- MLflow 3: logged models, metric lineage, run inputs and outputs ---------------------
    alpha = exp_ids["fx-alpha"]
    beta = exp_ids["fx-beta"]
    m_a = client.create_logged_model(
        alpha,
        name="fx-model-a",
        source_run_id=alpha0,
        params={"lr": "0.01", "arch": "resnet-50", "quote": "it's \"fine\""},
        tags={"stage": "candidate", "owner/email": "alice@example.com"},
        model_type="classifier",
    )
    m_b = client.create_logged_model(
        alpha,
        name="fx-model-b",
        source_run_id=alpha1,
        params={"lr": "0.001", "arch": "vit-b/16"},
        tags={"stage": "baseline", "unicode": "モデル"},
        model_type="classifier",
    )
    m_c = client.create_logged_model(
        alpha,
        name="fx-model-c",
        source_run_id=alpha2,
        params={"arch": "mlp"},
        tags={"stage": "broken"},
        model_type="regressor",
    )
    m_d = client.create_logged_model(
        beta,
        name="fx-model-pending",
        source_run_id=beta0,
        tags={"stage": "in-progress"},
        model_type="agent",
    )
    m_e = client.create_logged_model(alpha, name="fx-model-no-run")  # no source run, no type
    client.finalize_logged_model(m_a.model_id, LoggedModelStatus.READY)
    client.finalize_logged_model(m_b.model_id, LoggedModelStatus.READY)
    client.finalize_logged_model(m_c.model_id, LoggedModelStatus.FAILED)
    client.finalize_logged_model(m_e.model_id, LoggedModelStatus.READY)
    # m_d stays PENDING.

    def lineage(key, value, ts, step, model, ds_name=None, ds_digest=None):
        return Metric(
            key, value, ts, step, model_id=model, dataset_name=ds_name, dataset_digest=ds_digest
        )

    t = T0 + 600_000
    client.log_batch(
        alpha0,
        metrics=[
            lineage("eval_accuracy", 0.81, t, 0, m_a.model_id, "fx-train", "d1a2b3c4"),
            lineage("eval_accuracy", 0.86, t + 60_000, 1, m_a.model_id, "fx-train", "d1a2b3c4"),
            # MLflow keys a model's metric point by (model, key, timestamp, step, run) without the
            # dataset: the same key on a second dataset needs its own timestamp.
            lineage("eval_accuracy", 0.79, t + 61_000, 1, m_a.model_id, "fx-eval", "e5f6a7b8"),
            lineage("eval_f1-score", 0.7, t + 60_000, 1, m_a.model_id, "fx-eval", "e5f6a7b8"),
            lineage("eval nan", float("nan"), t + 60_000, 1, m_a.model_id, "fx-eval", "e5f6a7b8"),
            lineage("eval inf", float("inf"), t + 60_000, 1, m_a.model_id),
        ],
    )
    client.log_metric(
        alpha1,
        "eval_accuracy",
        0.83,
        timestamp=T0 + HOUR + 600_000,
        step=0,
        model_id=m_b.model_id,
        dataset_name="fx-eval",
        dataset_digest="e5f6a7b8",
    )
    # A model evaluated from another run (lineage across runs).
    client.log_batch(
        beta1,
        metrics=[
            lineage("eval_accuracy", 0.9, T0 + 13 * HOUR + 600_000, 0, m_a.model_id, "fx-holdout",
                    "h0ld0ut1"),
        ],
    )

    train_ds = Dataset(
        name="fx-train",
        digest="d1a2b3c4",
        source_type="s3",
        source='{"uri": "s3://fx-bucket/train.parquet"}',
        schema='{"mlflow_colspec": [{"type": "double", "name": "x"}, {"type": "long", "name": "y"}]}',
        profile='{"num_rows": 1000, "num_elements": 2000}',
    )
    eval_ds = Dataset(
        name="fx-eval",
        digest="e5f6a7b8",
        source_type="local",
        source='{"uri": "/data/eval \\"v2\\".csv"}',
        schema=None,
        profile=None,
    )
    holdout_ds = Dataset(name="fx-holdout", digest="h0ld0ut1", source_type="http",
                         source='{"url": "https://example.com/holdout.csv"}')
    client.log_inputs(
        alpha0,
        datasets=[
            DatasetInput(train_ds, tags=[InputTag("mlflow.data.context", "train")]),
            DatasetInput(eval_ds, tags=[InputTag("mlflow.data.context", "eval")]),
        ],
    )
    client.log_inputs(
        alpha1,
        datasets=[DatasetInput(eval_ds, tags=[InputTag("mlflow.data.context", "eval"),
                                               InputTag("note", "re-used")])],
        models=[LoggedModelInput(m_a.model_id)],
    )
    client.log_inputs(
        beta1,
        datasets=[DatasetInput(holdout_ds, tags=[InputTag("mlflow.data.context", "eval")])],
        models=[LoggedModelInput(m_a.model_id), LoggedModelInput(m_b.model_id)],
    )
    client.log_inputs(gamma0, datasets=[DatasetInput(train_ds)])  # an input without tags
    client.log_outputs(alpha0, [LoggedModelOutput(m_a.model_id, step=1)])
    client.log_outputs(alpha1, [LoggedModelOutput(m_b.model_id, step=0)])

    # ---- registry --------------------------------------------------------------------------
    client.create_registered_model(
        "fx-classifier",
        tags={"task": "classification", "owner/email": "alice@example.com"},
        description="Classifies images.\nSecond line with 'quotes' and \"doubles\".",
    )
    client.create_registered_model(
        "fx-regressor",
        tags={"task": "regression", "言語": "日本語"},
        description="Predicts prices \U0001F4B0",
    )
    client.create_registered_model("fx-ranker", tags={"task": "ranking"})  # no description

    def version(name, run_id, model, tags, description=None):
        return client.create_model_version(
            name,
            source=f"models:/{model.model_id}" if model else f"runs:/{run_id}/model",
            run_id=run_id,
            tags=tags,
            description=description,
            model_id=model.model_id if model else None,
        )

    version("fx-classifier", alpha0, m_a, {"validation": "passed"}, "first cut")
    version("fx-classifier", alpha1, m_b, {"validation": "passed", "k:v": "colon key"})
    version("fx-classifier", alpha2, m_c, {"validation": "failed"}, "broken – do not use")
    version("fx-regressor", beta0, m_d, {})
    version("fx-regressor", beta1, None, {"source kind": "run artifact"}, "from a run")
    version("fx-ranker", gamma0, None, {"emoji": "\U0001F3C6"})
    client.set_registered_model_alias("fx-classifier", "champion", "1")
    client.set_registered_model_alias("fx-classifier", "challenger", "2")
    client.set_registered_model_alias("fx-classifier", "legacy-v1", "1")
    client.set_registered_model_alias("fx-regressor", "prod", "2")
    client.set_registered_model_alias("fx-ranker", "best_so_far", "1")
    client.set_registered_model_tag("fx-ranker", "updated", "yes")
    client.set_model_version_tag("fx-ranker", "1", "reviewed by", "carol")

    # ---- deletions last (a deleted run and a deleted experiment with its run) ---------------
    client.delete_run(by_name[("fx-beta", 9)])
    client.delete_experiment(exp_ids["fx-deleted"])
    print(json.dumps({"experiments": exp_ids, "runs": len(runs)}))


def _log_run_data(client, rnd, run_id, idx, start):
    """Params, tags and short metric histories of one run; some keys are left out at random."""
    from mlflow.entities import Metric, Param, RunTag

    params = []
    for j, key in enumerate(PARAM_KEYS):
        # Runs miss some keys: every key but "lr" is absent from some runs.
        if key != "lr" and rnd.random() < 0.2:
            continue
        if key == "lr":
            v = _fmt(10 ** -rnd.randint(1, 4))
        elif key == "batch_size":
            v = str(2 ** rnd.randint(4, 8))
        elif key == "optimizer":
            v = rnd.choice(["adam", "sgd", "Adam", "adamw"])
        elif key == "model.depth":
            v = str(rnd.randint(1, 12))
        elif key == "comment":
            v = SPECIAL_VALUES[idx % len(SPECIAL_VALUES)]
        else:
            v = f"{key}-value-{rnd.randint(0, 99)}"
        params.append(Param(key, v))
    tags = [RunTag("env", rnd.choice(["dev", "prod", "staging"]))]
    for key in TAG_KEYS[1:]:
        if rnd.random() < 0.25:
            continue
        if key == "free text":
            v = SPECIAL_VALUES[(idx + 3) % len(SPECIAL_VALUES)]
        elif key == "git.commit":
            v = "%040x" % rnd.getrandbits(160)
        else:
            v = f"{key}:{rnd.randint(0, 9)}"
        tags.append(RunTag(key, v))
    if idx % 5 == 0:
        tags.append(RunTag("mlflow.note.content", f"Notes for run {idx}: 'quoted' \"text\""))

    metrics = []
    n_steps = 3 + idx % 4
    for key in ["accuracy", "loss", "val.loss", "f1-score", "time:epoch", "per class/cat", "準確度"]:
        if key not in ("accuracy", "loss") and rnd.random() < 0.3:
            continue
        for step in range(n_steps):
            ts = start + 60_000 + step * 30_000
            if key == "accuracy":
                val = min(1.0, 0.5 + 0.1 * step + rnd.uniform(0, 0.05))
            elif key in ("loss", "val.loss"):
                val = 1.0 / (step + 1) + rnd.uniform(0, 0.1)
            else:
                val = rnd.uniform(0, 100)
            metrics.append(Metric(key, round(val, 6), ts, step))
    if idx % 3 == 0:
        metrics.append(Metric("nan_metric", float("nan"), start + 5_000, 0))
    if idx % 4 == 0:
        metrics.append(Metric("inf_metric", float("inf"), start + 5_000, 0))
        metrics.append(Metric("neg_inf_metric", float("-inf"), start + 5_000, 0))
    if idx % 6 == 1:
        metrics.append(Metric("big", 1e300, start + 5_000, 0))
        metrics.append(Metric("tiny", -4.9e-324, start + 5_000, 0))
        metrics.append(Metric("zero", 0.0, start + 5_000, 0))
    client.log_batch(run_id, metrics=metrics, params=params, tags=tags)


# --------------------------------------------------------------------------------------------
# dump
# --------------------------------------------------------------------------------------------


def _num(x):
    if x is None:
        return None
    if isinstance(x, float):
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
    return x


def _int(x):
    return None if x is None else int(x)


def _pages(fn, **kwargs):
    token = None
    while True:
        page = fn(page_token=token, **kwargs)
        yield from page
        token = page.token
        if not token:
            return


def _status(s):
    if s is None:
        return None
    return getattr(s, "value", None) if not isinstance(s, str) else s


def dump(uri, out, prefix):
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    client = MlflowClient(tracking_uri=uri, registry_uri=uri)

    experiments = [
        e
        for e in _pages(client.search_experiments, view_type=ViewType.ALL, max_results=1000)
        if e.name.startswith(prefix)
    ]
    experiments.sort(key=lambda e: int(e.experiment_id) if e.experiment_id.isdigit() else 0)
    exp_ids = [e.experiment_id for e in experiments]

    runs = []
    for i in range(0, len(exp_ids), 100):
        runs.extend(
            _pages(
                client.search_runs,
                experiment_ids=exp_ids[i : i + 100],
                run_view_type=ViewType.ALL,
                max_results=1000,
                order_by=["attributes.start_time ASC", "attributes.run_id ASC"],
            )
        )

    # search-runs leaves out inputs.model_inputs (get-run has them): take a run's inputs and
    # outputs from get_run, so the oracle holds the server's state.
    with ThreadPoolExecutor(max_workers=8) as pool:
        run_ids = [r.info.run_id for r in runs]
        full_runs = dict(zip(run_ids, pool.map(client.get_run, run_ids)))
        keys = [(r.info.run_id, key) for r in runs for key in sorted(r.data.metrics)]
        histories = list(pool.map(lambda rk: client.get_metric_history(*rk), keys))

    history = []
    for (run_id, _), points in zip(keys, histories):
        for m in points:
            history.append(
                {
                    "run_id": run_id,
                    "key": m.key,
                    "value": _num(m.value),
                    "timestamp": _int(m.timestamp),
                    "step": _int(m.step),
                    "model_id": m.model_id,
                    "dataset_name": m.dataset_name,
                    "dataset_digest": m.dataset_digest,
                }
            )

    registered = [
        rm
        for rm in _pages(client.search_registered_models, max_results=1000)
        if rm.name.startswith(prefix)
    ]
    registered.sort(key=lambda rm: rm.name)
    versions = []
    for rm in registered:
        name_literal = rm.name.replace("'", "\\'")
        versions.extend(
            _pages(
                client.search_model_versions,
                filter_string=f"name = '{name_literal}'",
                max_results=1000,
            )
        )
    versions.sort(key=lambda v: (v.name, int(v.version)))
    # search-model-versions leaves out aliases (get-model-version has them).
    aliases = {
        (v.name, v.version): list(client.get_model_version(v.name, v.version).aliases)
        for v in versions
    }

    logged = []
    if exp_ids:
        for i in range(0, len(exp_ids), 100):
            logged.extend(
                _pages(client.search_logged_models, experiment_ids=exp_ids[i : i + 100],
                       max_results=100)
            )
    logged.sort(key=lambda m: (m.creation_timestamp, m.model_id))

    result = {
        "mlflow_version": __import__("mlflow").__version__,
        "prefix": prefix,
        "experiments": [_experiment(e) for e in experiments],
        "runs": [_run(r, full_runs[r.info.run_id]) for r in runs],
        "metric_history": history,
        "registered_models": [_registered_model(rm) for rm in registered],
        "model_versions": [_model_version(v, aliases[(v.name, v.version)]) for v in versions],
        "logged_models": [_logged_model(m) for m in logged],
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1, allow_nan=False)
    print(
        json.dumps({k: len(v) for k, v in result.items() if isinstance(v, list)}, sort_keys=True)
    )


def _experiment(e):
    return {
        "experiment_id": e.experiment_id,
        "name": e.name,
        "artifact_location": e.artifact_location,
        "lifecycle_stage": e.lifecycle_stage,
        "creation_time": _int(e.creation_time),
        "last_update_time": _int(e.last_update_time),
        "tags": dict(e.tags),
    }


def _run(r, full):
    info, data = r.info, r.data
    inputs = full.inputs
    outputs = full.outputs
    return {
        "run_id": info.run_id,
        "run_name": info.run_name,
        "experiment_id": info.experiment_id,
        "user_id": info.user_id,
        "status": info.status,
        "start_time": _int(info.start_time),
        "end_time": _int(info.end_time),
        "artifact_uri": info.artifact_uri,
        "lifecycle_stage": info.lifecycle_stage,
        "metrics": {k: _num(v) for k, v in data.metrics.items()},
        "params": dict(data.params),
        "tags": dict(data.tags),
        "latest_metrics": [
            {
                "key": m.key,
                "value": _num(m.value),
                "timestamp": _int(m.timestamp),
                "step": _int(m.step),
                "model_id": m.model_id,
                "dataset_name": m.dataset_name,
                "dataset_digest": m.dataset_digest,
            }
            for m in data._metric_objs
        ],
        "dataset_inputs": [
            {
                "name": di.dataset.name,
                "digest": di.dataset.digest,
                "source_type": di.dataset.source_type,
                "source": di.dataset.source,
                "schema": di.dataset.schema,
                "profile": di.dataset.profile,
                "tags": {t.key: t.value for t in di.tags},
            }
            for di in (inputs.dataset_inputs if inputs else [])
        ],
        "model_inputs": [
            {"model_id": mi.model_id} for mi in (getattr(inputs, "model_inputs", None) or [])
        ],
        "model_outputs": [
            {"model_id": mo.model_id, "step": _int(mo.step)}
            for mo in (getattr(outputs, "model_outputs", None) or [])
        ],
    }


def _registered_model(rm):
    return {
        "name": rm.name,
        "description": rm.description,
        "creation_time": _int(rm.creation_timestamp),
        "last_updated_time": _int(rm.last_updated_timestamp),
        "user_id": getattr(rm, "user_id", None),
        "tags": dict(rm.tags),
        "aliases": dict(rm.aliases),
    }


def _model_version(v, aliases):
    return {
        "name": v.name,
        "version": int(v.version),
        "creation_time": _int(v.creation_timestamp),
        "last_updated_time": _int(v.last_updated_timestamp),
        "user_id": v.user_id,
        "current_stage": v.current_stage,
        "description": v.description,
        "source": v.source,
        "run_id": v.run_id,
        "status": v.status,
        "status_message": v.status_message,
        "run_link": v.run_link,
        "tags": dict(v.tags),
        "aliases": sorted(aliases),
        "model_id": getattr(v, "model_id", None),
    }


def _logged_model(m):
    return {
        "model_id": m.model_id,
        "experiment_id": m.experiment_id,
        "name": m.name,
        "artifact_uri": m.artifact_location,
        "status": _status(m.status),
        "status_message": m.status_message,
        "model_type": m.model_type,
        "source_run_id": m.source_run_id,
        "creation_time": _int(m.creation_timestamp),
        "last_updated_time": _int(m.last_updated_timestamp),
        "tags": dict(m.tags),
        "params": dict(m.params),
        "metrics": [
            {
                "key": p.key,
                "value": _num(p.value),
                "timestamp": _int(p.timestamp),
                "step": _int(p.step),
                "run_id": p.run_id,
                "model_id": p.model_id,
                "dataset_name": p.dataset_name,
                "dataset_digest": p.dataset_digest,
            }
            for p in (m.metrics or [])
        ],
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_seed = sub.add_parser("seed", help="create the fx- data set")
    p_seed.add_argument("--uri", required=True)
    p_dump = sub.add_parser("dump", help="write the oracle JSON")
    p_dump.add_argument("--uri", required=True)
    p_dump.add_argument("--out", required=True)
    p_dump.add_argument("--prefix", default=PREFIX)
    args = parser.parse_args(argv)
    if args.command == "seed":
        seed(args.uri)
    else:
        dump(args.uri, args.out, args.prefix)


if __name__ == "__main__":
    main(sys.argv[1:])
