#!/bin/sh
# AOT training run of `jwrap match`: train-match.sh JAVA JAR OUTPUT.aot [extra JVM flags...] (see train.sh).
# One `jwrap match -d` against this directory's tables, with a client name, so the run takes the
# whole path: arguments without picocli, tables, the C resolver (FFM), the decision, the answer.
. "$(dirname "$0")/train.sh"
cd "$aot_dir" && train_run dev.jwrap.cli.Main match -d in.ftpd localhost
train_done
