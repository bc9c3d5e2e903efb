#!/usr/bin/env python3
"""The test fixture of mlflow-tables and its oracle.

Run with the python printed by ``scripts/mlflow-venv.sh``:

    fixture.py seed --uri URI
        Builds a reproducible data set through MLflow's own Python client (MlflowClient):
        experiments, runs, metrics, params, tags, run inputs/outputs, logged models,
        registered models, run artifacts, and MLflow 3 traces with their spans and
        assessments (through the tracing API), all in experiments named with the prefix
        ``fx-``. Refuses to seed twice.

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
  traces:            trace_id, experiment_id, request_time, execution_duration, state,
                     request_preview, response_preview, client_request_id, tags{}, metadata{},
                     token_usage{} (TraceInfo.token_usage), assessments[] (assessment_id, name,
                     kind, value_json, error_code, error_message, rationale, source_type,
                     source_id, create_time, last_update_time, run_id, span_id, valid,
                     metadata{}), spans[] (from get_trace: span_id, parent_span_id, name,
                     span_type, start_time_ns, end_time_ns, status, status_message, and
                     inputs_json, outputs_json, attributes_json: json.dumps of the decoded
                     values, the attributes without the inputs and outputs)
  run_artifacts:     run_id, path, is_dir, file_size (list_artifacts of every run, walked
                     recursively)

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
# Traces are exported before the tracing call returns, so the seed is complete when it ends.
os.environ.setdefault("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", "false")

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

    # ---- run artifacts and MLflow 3 traces ---------------------------------------------------
    _log_artifacts(client, [alpha0, alpha1, beta0, by_name[("fx-beta", 9)]])
    _seed_traces(uri, exp_ids, alpha0, beta1)

    # ---- deletions last (a deleted run and a deleted experiment with its run) ---------------
    client.delete_run(by_name[("fx-beta", 9)])
    client.delete_experiment(exp_ids["fx-deleted"])
    print(json.dumps({"experiments": exp_ids, "runs": len(runs)}))


def _log_artifacts(client, run_ids):
    """Files of several sizes at several depths; the last run is deleted later on."""
    import tempfile

    files = [
        # (run index, artifact directory or None, file name, size in bytes)
        (0, None, "metrics.json", 17),
        (0, None, "empty.txt", 0),
        (0, "model", "MLmodel", 230),
        (0, "model", "model.pkl", 4096),
        (0, "model/sub/deep", "weights.bin", 65_536),
        (1, None, "report.html", 1_234),
        (1, "plots", "loss curve.png", 2_048),
        (2, "data", "a.csv", 10),
        (2, "data", "b.csv", 20),
        (3, None, "deleted-run.txt", 5),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for run, directory, name, size in files:
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(bytes(i % 251 for i in range(size)))
            client.log_artifact(run_ids[run], path, artifact_path=directory)


TRACE_ROUTES = ["qa", "search", "chat", None]


def _seed_traces(uri, exp_ids, alpha_run, beta_run):
    """MLflow 3 traces through the tracing API: nested spans of several types, tags, metadata,
    token usage, a trace of a run, an error trace, assessments (feedback and expectations, a
    judge's error, an overridden feedback), traces at fixed times (ties included) in fx-alpha,
    fx-beta and fx-deleted, a few at the current time through @mlflow.trace, and one whose spans
    the server keeps in its artifact store (as a client that cannot log spans leaves them)."""
    import mlflow
    from mlflow.entities import AssessmentError, AssessmentSource, SpanType

    mlflow.set_tracking_uri(uri)
    judge = AssessmentSource(source_type="LLM_JUDGE", source_id="judge-v1")
    human = AssessmentSource(source_type="HUMAN", source_id="alice@example.com")
    ms = 1_000_000
    trace_ids = []
    for i in range(24):
        exp = exp_ids["fx-beta"] if i % 3 == 0 else exp_ids["fx-alpha"]
        if i == 23:
            exp = exp_ids["fx-deleted"]
        start = (T0 + (i // 2) * 6 * HOUR) * ms  # pairs share their request time
        tags = {"env": "prod" if i % 2 else "dev", "quote's": 'say "hi" ' + str(i)}
        if TRACE_ROUTES[i % 4]:
            tags["route"] = TRACE_ROUTES[i % 4]
        metadata = {"mlflow.trace.session": f"s{i % 5}", "ünï key": SPECIAL_VALUES[i % 12]}
        if i == 4:
            metadata["mlflow.sourceRun"] = alpha_run
        if i == 9:
            metadata["mlflow.sourceRun"] = beta_run
        root = mlflow.start_span_no_context(
            "agent",
            span_type=SpanType.CHAIN,
            inputs={"question": f"question {i}", "history": [i, i + 0.5, None, True]},
            tags=tags,
            metadata=metadata,
            experiment_id=exp,
            start_time_ns=start,
        )
        t = start + ms
        if i % 4 != 3:
            r = mlflow.start_span_no_context(
                "retrieve", span_type=SpanType.RETRIEVER, parent_span=root,
                inputs={"query": f"q{i}"}, start_time_ns=t)
            r.end(outputs=[{"doc_id": i, "score": 0.5 + i / 100}], end_time_ns=t + (i + 1) * ms)
            t += (i + 2) * ms
        llm = mlflow.start_span_no_context(
            "llm", span_type=SpanType.LLM, parent_span=root,
            inputs={"messages": [{"role": "user", "content": f"hi {i} ✓"}]},
            attributes={"model": "fx-llm", "temperature": 0.1 * (i % 3)},
            start_time_ns=t)
        if i % 5 != 4:
            llm.set_attribute("mlflow.chat.tokenUsage",
                              {"input_tokens": 10 + i, "output_tokens": 2 * i,
                               "total_tokens": 10 + 3 * i})
        if i % 6 == 0:
            tool = mlflow.start_span_no_context(
                "lookup", span_type=SpanType.TOOL, parent_span=llm, inputs={"id": i},
                start_time_ns=t + ms)
            if i == 6:
                tool.record_exception(ValueError("lookup failed: it's \"gone\""))
                tool.end(end_time_ns=t + 2 * ms)
            else:
                tool.end(outputs={"found": True}, end_time_ns=t + 2 * ms)
        llm.end(outputs=f"answer {i}", end_time_ns=t + (3 + i * 7 % 11) * ms)
        if i == 7:
            root.end(status="ERROR", end_time_ns=t + 20 * ms)
        else:
            root.end(outputs={"answer": f"answer {i}"}, end_time_ns=t + (20 + i) * ms)
        trace_ids.append(root.trace_id)

    for i, tid in enumerate(trace_ids):
        if i % 8 != 5:
            mlflow.log_feedback(trace_id=tid, name="correctness", value=i % 4 != 1, source=judge,
                                rationale=None if i % 3 else f"checked {i}")
        if i % 3 == 0:
            mlflow.log_feedback(trace_id=tid, name="relevance", value=round(i / 23, 3),
                                source=human, metadata={"batch": "b1"})
        if i % 4 == 0:
            mlflow.log_feedback(trace_id=tid, name="helpfulness", value="yes" if i % 8 else "no",
                                source=judge)
        if i % 5 == 0:
            mlflow.log_expectation(trace_id=tid, name="expected_answer", value=f"answer {i}",
                                   source=human)
    mlflow.log_expectation(trace_id=trace_ids[10], name="expected_facts",
                           value={"facts": ["a", "b"], "count": 2}, source=human)
    mlflow.log_feedback(trace_id=trace_ids[11], name="correctness", source=judge,
                        error=AssessmentError(error_code="RATE_LIMIT",
                                              error_message="judge timed out"))
    first = mlflow.get_trace(trace_ids[2]).info.assessments
    old = next(a for a in first if a.name == "correctness")
    mlflow.override_feedback(trace_id=trace_ids[2], assessment_id=old.assessment_id, value=False,
                             rationale="a human disagrees", source=human)
    llm_span = next(s for s in mlflow.get_trace(trace_ids[3]).data.spans if s.name == "llm")
    mlflow.log_feedback(trace_id=trace_ids[3], name="span quality", value=0.25, source=human,
                        span_id=llm_span.span_id)

    # Traces at the current time, through the decorator and nested start_span.
    @mlflow.trace(span_type=SpanType.CHAIN)
    def answer(question):
        with mlflow.start_span("parse", span_type=SpanType.PARSER) as span:
            span.set_inputs({"text": question})
            span.set_outputs({"tokens": question.split()})
        mlflow.update_current_trace(tags={"route": "live"}, client_request_id=f"req-{question}")
        return question.upper()

    mlflow.set_experiment(experiment_id=exp_ids["fx-alpha"])
    answer("live one")
    answer("live two")

    # Spans kept in the artifact store: the exporter falls back to it when it cannot log spans.
    from mlflow.tracing.client import TracingClient

    def cannot_log_spans(self, *args, **kwargs):
        raise NotImplementedError("as a client before MLflow 3.4")

    TracingClient.log_spans = cannot_log_spans
    mlflow.set_experiment(experiment_id=exp_ids["fx-gamma"])
    answer("kept as a file")


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

    traces = []
    if exp_ids:
        traces = list(_pages(client.search_traces, experiment_ids=exp_ids, max_results=500,
                             include_spans=False))
    traces.sort(key=lambda t: (t.info.request_time, t.info.trace_id))
    with ThreadPoolExecutor(max_workers=8) as pool:
        full_traces = list(pool.map(lambda t: client.get_trace(t.info.trace_id), traces))
        artifacts = list(pool.map(lambda r: _artifacts(client, r.info.run_id), runs))

    result = {
        "mlflow_version": __import__("mlflow").__version__,
        "prefix": prefix,
        "experiments": [_experiment(e) for e in experiments],
        "runs": [_run(r, full_runs[r.info.run_id]) for r in runs],
        "metric_history": history,
        "registered_models": [_registered_model(rm) for rm in registered],
        "model_versions": [_model_version(v, aliases[(v.name, v.version)]) for v in versions],
        "logged_models": [_logged_model(m) for m in logged],
        "traces": [_trace(t.info, full.data.spans) for t, full in zip(traces, full_traces)],
        "run_artifacts": [a for run in artifacts for a in run],
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


def _artifacts(client, run_id, path=None):
    out = []
    for f in client.list_artifacts(run_id, path):
        out.append({"run_id": run_id, "path": f.path, "is_dir": f.is_dir,
                    "file_size": f.file_size})
        if f.is_dir:
            out.extend(_artifacts(client, run_id, f.path))
    return out


SPAN_INPUTS = "mlflow.spanInputs"
SPAN_OUTPUTS = "mlflow.spanOutputs"


def _json(value):
    return json.dumps(value, ensure_ascii=False)


def _trace(info, spans):
    return {
        "trace_id": info.trace_id,
        "experiment_id": info.experiment_id,
        "request_time": _int(info.request_time),
        "execution_duration": _int(info.execution_duration),
        "state": _status(info.state),
        "request_preview": info.request_preview,
        "response_preview": info.response_preview,
        "client_request_id": info.client_request_id,
        "tags": dict(info.tags),
        "metadata": dict(info.trace_metadata),
        "token_usage": info.token_usage,
        "assessments": [_assessment(a) for a in info.assessments],
        "spans": [_span(s) for s in spans],
    }


def _assessment(a):
    from mlflow.entities import Feedback

    feedback = isinstance(a, Feedback)
    error = a.error if feedback else None
    return {
        "assessment_id": a.assessment_id,
        "name": a.name,
        "kind": "feedback" if feedback else "expectation",
        "value_json": _json(a.value),
        "error_code": error.error_code if error else None,
        "error_message": error.error_message if error else None,
        "rationale": a.rationale,
        "source_type": a.source.source_type,
        "source_id": a.source.source_id,
        "create_time": _int(a.create_time_ms),
        "last_update_time": _int(a.last_update_time_ms),
        "run_id": a.run_id,
        "span_id": a.span_id,
        "valid": a.valid,
        "metadata": {k: str(v) for k, v in (a.metadata or {}).items()},
    }


def _span(s):
    attributes = dict(s.attributes)
    others = {k: v for k, v in attributes.items() if k not in (SPAN_INPUTS, SPAN_OUTPUTS)}
    return {
        "span_id": s.span_id,
        "parent_span_id": s.parent_id,
        "name": s.name,
        "span_type": s.span_type,
        "start_time_ns": s.start_time_ns,
        "end_time_ns": s.end_time_ns,
        "status": _status(s.status.status_code),
        "status_message": s.status.description,
        "inputs_json": _json(attributes[SPAN_INPUTS]) if SPAN_INPUTS in attributes else None,
        "outputs_json": _json(attributes[SPAN_OUTPUTS]) if SPAN_OUTPUTS in attributes else None,
        "attributes_json": _json(others),
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
