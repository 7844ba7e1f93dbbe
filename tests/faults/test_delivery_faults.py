"""Delivery under faults: server SIGKILL, a network cut and offline writes, with real processes."""

from __future__ import annotations

from pathlib import Path

from tests.faults.scenario import FaultPlan, run_scenario


async def test_every_message_delivered_once(tmp_path: Path) -> None:
    plan = FaultPlan()
    report = await run_scenario(tmp_path, plan)
    print(report.line())

    assert report.problems == []
    assert report.sent == plan.clients * plan.messages_per_client + report.offline_written
    assert report.sent >= 2000
    assert report.acknowledged == report.sent
    assert report.failed == 0
    assert report.delivered == report.expected_deliveries
    assert report.duplicates == 0
    assert report.out_of_order == 0
    assert report.offline_written == plan.offline_messages * plan.network_cuts
    assert report.offline_delivered_once == report.offline_written
    assert not report.qt_loaded, "the headless clients must run without Qt"
