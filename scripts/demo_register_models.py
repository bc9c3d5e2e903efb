"""Registers, for each demo experiment, its two best finished runs by val_loss as versions of a
registered model, with the aliases "champion" and "challenger". Run by the demo (Demo.java) with
the python of scripts/mlflow-venv.sh; uses MLflow's own client, as a data scientist would.

    python scripts/demo_register_models.py TRACKING_URI
"""

import logging
import sys
import warnings

warnings.filterwarnings("ignore")

from mlflow import MlflowClient  # noqa: E402

# Not MLflow's "waiting for model version to finish creation" lines.
logging.getLogger("mlflow").setLevel(logging.WARNING)


def main(uri):
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    for exp in client.search_experiments(filter_string="name LIKE 'demo/%'", order_by=["name"]):
        best = client.search_runs(
            [exp.experiment_id],
            filter_string="attributes.status = 'FINISHED'",
            order_by=["metrics.val_loss ASC"],
            max_results=2,
        )
        model = exp.name.split("/", 1)[1] + "-model"
        client.create_registered_model(
            model, tags={"team": exp.tags.get("team", "")},
            description=f"Best models of {exp.name}")
        # The runner-up first, so the best run becomes the latest version.
        for run, alias in reversed(list(zip(best, ["champion", "challenger"]))):
            version = client.create_model_version(
                model, f"runs:/{run.info.run_id}/model", run_id=run.info.run_id,
                description=f"{run.info.run_name}: val_loss {run.data.metrics['val_loss']:.4f}")
            client.set_registered_model_alias(model, alias, version.version)
            print(f"  {model} version {version.version} ({alias}) <- run {run.info.run_name}"
                  f" (val_loss {run.data.metrics['val_loss']:.4f})")


if __name__ == "__main__":
    main(sys.argv[1])
