"""Seeds the differential tests' data set ("df-*") from a JSON spec made by DiffData.java.

    seed.py SPEC.json OUT.json

The spec lists experiments, runs (with metric histories, params, tags, dataset and model inputs),
logged models (with metric points), registered models with versions and aliases, run artifacts,
MLflow 3 traces (with spans and feedback), and what to delete afterwards. Metric values are strings for Python's float() ("NaN", "Infinity", "-0.0").
OUT.json receives the ids the server gave: experiments by key, runs and logged models by index.
Everything goes through MLflow's own Python client, with a few threads for the per-run work.
"""

import json
import os
import sys
import time
import warnings

# Traces are exported before the tracing call returns, so the seed is complete when it ends.
os.environ.setdefault("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", "false")
from concurrent.futures import ThreadPoolExecutor

warnings.filterwarnings("ignore")


def main(spec_path, out_path):
    from mlflow import MlflowClient
    from mlflow.entities import (
        Dataset,
        DatasetInput,
        InputTag,
        LoggedModelInput,
        LoggedModelStatus,
        Metric,
        Param,
        RunStatus,
        RunTag,
        ViewType,
    )

    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    client = MlflowClient()
    store = client._tracking_client.store
    first = spec["experiments"][0]["name"]
    if client.search_experiments(view_type=ViewType.ALL, filter_string=f"name = '{first}'"):
        raise SystemExit("the differential data set is already seeded")

    exp_ids = {}
    for e in spec["experiments"]:
        exp_ids[e["key"]] = client.create_experiment(e["name"], tags=e["tags"])

    def make_run(r):
        run = client.create_run(
            exp_ids[r["exp"]],
            start_time=r["start"],
            run_name=r["name"],
            tags={"mlflow.user": r["user"]},
        )
        run_id = run.info.run_id
        metrics = [Metric(k, float(v), ts, step) for k, v, ts, step in r["metrics"]]
        params = [Param(k, v) for k, v in r["params"].items()]
        tags = [RunTag(k, v) for k, v in r["tags"].items()]
        # log-batch limits: 1000 metrics, 100 params, 100 tags per request
        client.log_batch(run_id, metrics=metrics, params=params, tags=tags)
        if r["status"] in ("FINISHED", "FAILED", "KILLED"):
            # the store call: MlflowClient.set_terminated also gets the run to log its URL
            store.update_run_info(run_id, RunStatus.from_string(r["status"]), r["end"], None)
        elif r["status"] == "SCHEDULED":
            store.update_run_info(run_id, RunStatus.from_string("SCHEDULED"), None, None)
        return run_id

    t0 = time.time()
    with ThreadPoolExecutor(max_workers=6) as pool:
        run_ids = list(pool.map(make_run, spec["runs"]))
    print(f"runs: {time.time() - t0:.1f} s", file=sys.stderr)
    # Dataset inputs one run after the other: concurrent log-inputs of the same dataset in one
    # experiment race on the server's unique key.
    for r_index, r in enumerate(spec["runs"]):
        run_id = run_ids[r_index]
        if r["datasets"]:
            inputs = []
            for d in r["datasets"]:
                ds = Dataset(
                    name=d["name"],
                    digest=d["digest"],
                    source_type=d["source_type"],
                    source=d["source"],
                    schema=d.get("schema"),
                    profile=d.get("profile"),
                )
                inputs.append(DatasetInput(ds, tags=[InputTag(k, v) for k, v in d["tags"].items()]))
            client.log_inputs(run_id, datasets=inputs)

    model_ids = []
    for m in spec["logged_models"]:
        src = m.get("source_run")
        lm = client.create_logged_model(
            exp_ids[m["exp"]],
            name=m["name"],
            source_run_id=run_ids[src] if src is not None else None,
            params=m["params"] or None,
            tags=m["tags"] or None,
            model_type=m.get("model_type"),
        )
        model_ids.append(lm.model_id)
        points = []
        for k, v, ts, step, run, ds_name, ds_digest in m["metrics"]:
            points.append(
                (
                    run_ids[run],
                    Metric(
                        k,
                        float(v),
                        ts,
                        step,
                        model_id=lm.model_id,
                        dataset_name=ds_name,
                        dataset_digest=ds_digest,
                    ),
                )
            )
        by_run = {}
        for run_id, p in points:
            by_run.setdefault(run_id, []).append(p)
        for run_id, ps in by_run.items():
            client.log_batch(run_id, metrics=ps)
        status = m.get("status")
        if status == "READY":
            client.finalize_logged_model(lm.model_id, LoggedModelStatus.READY)
        elif status == "FAILED":
            client.finalize_logged_model(lm.model_id, LoggedModelStatus.FAILED)

    for r_index, r in enumerate(spec["runs"]):
        if r["model_inputs"]:
            client.log_inputs(
                run_ids[r_index], models=[LoggedModelInput(model_ids[i]) for i in r["model_inputs"]]
            )

    for rm in spec["registered_models"]:
        client.create_registered_model(
            rm["name"], tags=rm["tags"] or None, description=rm.get("description")
        )
        for v in rm["versions"]:
            run = v.get("run")
            model = v.get("model")
            source = v["source"]
            source = source.replace("{run}", run_ids[run] if run is not None else "")
            source = source.replace("{model}", model_ids[model] if model is not None else "")
            client.create_model_version(
                rm["name"],
                source=source,
                run_id=run_ids[run] if run is not None else None,
                tags=v["tags"] or None,
                description=v.get("description"),
                model_id=model_ids[model] if model is not None else None,
                await_creation_for=0,
            )
        for alias, version in rm["aliases"].items():
            client.set_registered_model_alias(rm["name"], alias, str(version))

    t0 = time.time()
    _artifacts(client, run_ids, spec.get("artifacts", []))
    _traces(exp_ids, run_ids, spec.get("traces", []))
    print(f"traces and artifacts: {time.time() - t0:.1f} s", file=sys.stderr)

    # Deletions last: tags, runs, then experiments (which marks their runs deleted too).
    for r_index, key in spec.get("delete_tags", []):
        client.delete_tag(run_ids[r_index], key)
    for r_index in spec.get("delete_runs", []):
        client.delete_run(run_ids[r_index])
    for key in spec.get("delete_experiments", []):
        client.delete_experiment(exp_ids[key])

    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"experiments": exp_ids, "runs": run_ids, "models": model_ids}, f)


def _artifacts(client, run_ids, artifacts):
    """Files at the given paths of runs, of the given sizes."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for r_index, path, size in artifacts:
            directory, name = os.path.split(path)
            local = os.path.join(tmp, name)
            with open(local, "wb") as f:
                f.write(b"x" * size)
            client.log_artifact(run_ids[r_index], local, artifact_path=directory or None)


def _traces(exp_ids, run_ids, traces):
    """Traces through the tracing API, at fixed times or (live ones) now, with nested spans of
    several types and a few assessments."""
    import mlflow
    from mlflow.entities import AssessmentSource, SpanType

    types = [SpanType.RETRIEVER, SpanType.LLM, SpanType.TOOL]
    judge = AssessmentSource(source_type="LLM_JUDGE", source_id="df-judge")
    ms = 1_000_000
    for i, t in enumerate(traces):
        metadata = dict(t["metadata"])
        if t.get("run") is not None:
            metadata["mlflow.sourceRun"] = run_ids[t["run"]]
        exp = exp_ids[t["exp"]]
        if t["live"]:
            mlflow.set_experiment(experiment_id=exp)
            with mlflow.start_span(f"df-live-{i}", span_type=SpanType.CHAIN) as root:
                root.set_inputs({"i": i})
                mlflow.update_current_trace(tags=t["tags"], metadata=metadata,
                                            client_request_id=t["client_request_id"])
                for k in range(t["spans"] - 1):
                    with mlflow.start_span(f"child {k}", span_type=types[k]) as child:
                        child.set_inputs({"k": k})
                if t["error"]:
                    root.set_status("ERROR")
            trace_id = root.trace_id
        else:
            start = t["start"] * ms
            root = mlflow.start_span_no_context(
                f"df-{i}", span_type=SpanType.CHAIN, inputs={"i": i}, tags=t["tags"],
                metadata=metadata, experiment_id=exp, start_time_ns=start)
            parent = root
            for k in range(t["spans"] - 1):
                child = mlflow.start_span_no_context(
                    f"child {k}", span_type=types[k], parent_span=parent, inputs={"k": k},
                    start_time_ns=start + (k + 1) * ms)
                child.end(outputs=[k, "out"], end_time_ns=start + (k + 2) * ms)
                parent = child
            root.end(status="ERROR" if t["error"] else "OK", outputs={"i": i},
                     end_time_ns=start + t["duration"] * ms)
            trace_id = root.trace_id
        for a in range(t["assessments"]):
            mlflow.log_feedback(trace_id=trace_id, name=["correct", "score"][a % 2],
                                value=[i % 2 == 0, i / 10][a % 2], source=judge)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
