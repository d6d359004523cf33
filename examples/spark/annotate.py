"""Annotate a corpus on Apache Spark, with diplograph as the map step.

Each partition of a JSON Lines corpus ({"id","url","lang","date","title","text"} per line)
is piped through `diplograph annotate --stdin --format nquads`, which is stateless: it
needs no store and writes one named graph per document. The N-Quads part files are then
loaded into a store with `diplograph load OUT/part-*` (identity across documents is
computed there), or into any SPARQL store.

Local mode (what the tests run):

    python examples/spark/annotate.py --master 'local[2]' --input corpus.jsonl \
        --output parts/ --bin target/release/diplograph
    diplograph load parts/part-*

On a cluster, ship the binary (built for the executors' platform) with the job; it lands in
each executor's working directory:

    spark-submit --master yarn --files target/release/diplograph \
        examples/spark/annotate.py --input hdfs:///corpus/*.jsonl \
        --output hdfs:///diplograph/parts --bin ./diplograph --partitions 2000
"""

from __future__ import annotations

import argparse
import os


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True, help="JSON Lines file(s) or directory (any Hadoop path)")
    ap.add_argument("--output", required=True, help="directory for the N-Quads part files (must not exist)")
    ap.add_argument("--bin", default="./diplograph", help="path of the diplograph binary on the executors")
    ap.add_argument("--partitions", type=int, default=0, help="minimum number of input partitions")
    ap.add_argument("--master", default=None, help="Spark master (default: from spark-submit)")
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("diplograph-annotate")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        sc = spark.sparkContext
        lines = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism)
        binary = os.path.abspath(args.bin) if os.path.exists(args.bin) else args.bin
        quads = lines.pipe(f"{binary} annotate --stdin --format nquads", checkCode=True)
        quads.saveAsTextFile(args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
