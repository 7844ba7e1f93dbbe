"""Soak run of message delivery under faults: the long version of the fault-injection test.

Run from the repository root:

    .venv/bin/python -m benchmarks.delivery_soak [--messages-per-client 5000] [--kills 4] [--cuts 4]

It runs ``tests.faults.scenario`` with a server process, one headless client
process per user (the ``desktop.sync`` engine with its own cache), server
kills with SIGKILL, network cuts through a TCP proxy, and messages written
while cut off. It prints the same summary line as the test, then the details
as JSON, and exits with 1 if any message was lost, duplicated or out of order.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from tests.faults.scenario import FaultPlan, run_scenario


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4, help="client processes, one user each (at least 3)")
    parser.add_argument("--messages-per-client", type=int, default=5000, help="messages each client writes")
    parser.add_argument(
        "--rate", type=float, default=12.0, help="messages per second each client writes into its outbox"
    )
    parser.add_argument("--kills", type=int, default=4, help="times the server is killed with SIGKILL")
    parser.add_argument("--cuts", type=int, default=4, help="times the last client is cut off the network")
    parser.add_argument("--offline-messages", type=int, default=100, help="messages written during each cut")
    parser.add_argument("--keep", type=Path, help="run in this folder and keep the logs and caches")
    arguments = parser.parse_args()

    plan = FaultPlan(
        clients=arguments.clients,
        messages_per_client=arguments.messages_per_client,
        rate_per_client=arguments.rate,
        server_kills=arguments.kills,
        network_cuts=arguments.cuts,
        offline_messages=arguments.offline_messages,
        cut_seconds=3.0,
        server_down_seconds=2.0,
        converge_timeout=600.0,
    )
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
        report = asyncio.run(run_scenario(arguments.keep, plan))
    else:
        with tempfile.TemporaryDirectory(prefix="autoclub-soak-") as folder:
            report = asyncio.run(run_scenario(Path(folder), plan))

    print(report.line())
    details = {"plan": asdict(plan), "report": asdict(report), "python": platform.python_version()}
    print(json.dumps(details, indent=2, ensure_ascii=False))
    lost = report.delivered != report.expected_deliveries or report.acknowledged != report.sent
    if report.problems or lost or report.duplicates or report.out_of_order:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
