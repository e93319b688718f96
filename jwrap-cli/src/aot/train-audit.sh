#!/bin/sh
# AOT training run of `jwrap audit` (also used by scan and harden):
#   train-audit.sh JAVA JAR OUTPUT.aot [extra JVM flags...] (see train.sh)
# One `jwrap audit` of this host: inventory, knowledge base, review, JSON report.
. "$(dirname "$0")/train.sh"
train_run dev.jwrap.cli.Main audit --format json -o /dev/null
train_done
