#!/usr/bin/env python3
"""manifest_env.py - read `sparkgen render` output (stdin) and print, for one container of the
spark-standalone chart, what a local process needs to run it the way Kubernetes would:

    manifest_env.py master|worker env      KEY=VALUE lines (shell-quoted) of the container's env
    manifest_env.py master|worker probe    the readiness probe's exec command, one word a line

Kubernetes-only sources are mapped to this machine: fieldRef status.podIP -> 127.0.0.1, and
the worker's SPARK_MASTER_HOST and SPARK_MASTER_URL host (the master Service name) -> 127.0.0.1.  Anything else that
is not a plain value is an error, so the chart and this test cannot drift apart silently."""
import re
import shlex
import sys

import yaml

COMPONENT, WHAT = sys.argv[1], sys.argv[2]
docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
deps = [d for d in docs if d.get("kind") == "Deployment"
        and d["metadata"]["labels"].get("app.kubernetes.io/component") == COMPONENT]
if len(deps) != 1:
    sys.exit(f"manifest_env: expected one {COMPONENT} Deployment, found {len(deps)}")
(container,) = deps[0]["spec"]["template"]["spec"]["containers"]
if WHAT == "probe":
    for word in container["readinessProbe"]["exec"]["command"]:
        print(word)
    sys.exit(0)
for e in container.get("env", []):
    name = e["name"]
    if "value" in e:
        value = str(e["value"])
        if COMPONENT == "worker" and name == "SPARK_MASTER_HOST":
            value = "127.0.0.1"
        elif COMPONENT == "worker" and name == "SPARK_MASTER_URL":
            value = re.sub(r"^spark://[^:/]+:", "spark://127.0.0.1:", value)
    elif e.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "status.podIP":
        value = "127.0.0.1"
    else:
        sys.exit(f"manifest_env: cannot map env {name}: {e}")
    print(f"{name}={shlex.quote(value)}")
