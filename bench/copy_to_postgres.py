#!/usr/bin/env python3
"""Copies a generated data set from a server's SQLite database into a PostgreSQL database whose
schema the same MLflow server created and migrated (bench/gen-data.sh with BENCH_STORE=postgres),
so both stores hold the same rows: experiments, runs, tags, params, metrics and latest_metrics
(the tables bench/generate.py fills), every column as it is. The PostgreSQL rows of those tables
(the server's Default experiment) are replaced.

  copy_to_postgres.py SQLITE_DB POSTGRES_CONNINFO
"""
import sqlite3
import sys
import time

import psycopg

TABLES = ("experiments", "experiment_tags", "runs", "tags", "params", "metrics", "latest_metrics")


def main():
    src = sqlite3.connect(sys.argv[1])
    t0 = time.time()
    with psycopg.connect(sys.argv[2]) as pg:
        pg.execute("TRUNCATE " + ", ".join(TABLES) + " CASCADE")
        total = 0
        for table in TABLES:
            types = dict(pg.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = %s", (table,)).fetchall())
            cols = [c[1] for c in src.execute(f"PRAGMA table_info({table})")]
            booleans = [i for i, c in enumerate(cols) if types.get(c) == "boolean"]
            names = ", ".join(f'"{c}"' for c in cols)
            n = 0
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {names} FROM {table}"):
                    if booleans:
                        row = list(row)
                        for i in booleans:
                            row[i] = None if row[i] is None else bool(row[i])
                    copy.write_row(row)
                    n += 1
            total += n
            print(f"{table}: {n} rows", flush=True)
        # experiments were inserted with their ids: move the id sequence past them
        pg.execute("SELECT setval(pg_get_serial_sequence('experiments', 'experiment_id'), "
                   "(SELECT max(experiment_id) FROM experiments))")
        pg.execute("ANALYZE")
    print(f"copied {total} rows in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
