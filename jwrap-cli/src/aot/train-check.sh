#!/bin/sh
# AOT training run of `jwrap check`: train-check.sh JAVA JAR OUTPUT.aot [extra JVM flags...] (see train.sh).
# One `jwrap check -d -v` on this directory's tables: listing, host checks (C resolver), options,
# the analysis and its findings.
. "$(dirname "$0")/train.sh"
cd "$aot_dir" && train_run dev.jwrap.cli.Main check -d -v
train_done
