"""As of, as people write it: a date or a time without a zone is read in the company's time
zone, the answer says which moment it used, and positions are bounded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from adapters.settings import Settings
from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.cli import app
from domain.lines import make_line

ZONE = "America/Chicago"
URL = "/policy/explain/invoice/100-1"
TODAY = datetime.now(ZoneInfo(ZONE)).date()


@pytest.fixture
def container(tmp_path: Path) -> Iterator[Container]:
    built = bootstrap(Settings(data_dir=tmp_path, time_zone=ZONE))
    ledger = built.ledger
    ledger.register_customer("C1", "Acme Towing")
    ledger.create_invoice("100-1", "C1", date(2024, 3, 1), [make_line("tow", "", "1", "100")])
    ledger.finalize_invoice("100-1")
    yield built
    built.close()


@pytest.fixture
def client(container: Container) -> TestClient:
    return TestClient(create_app(container))


def test_a_date_means_the_end_of_that_day_in_the_company_zone(client: TestClient) -> None:
    answer = client.get(URL, params={"as_of": TODAY.isoformat()})

    assert answer.status_code == 200, answer.text
    moment = datetime.fromisoformat(answer.json()["as_of"])
    assert moment == datetime.combine(TODAY, time.max, tzinfo=ZoneInfo(ZONE))
    assert moment.utcoffset() == ZoneInfo(ZONE).utcoffset(moment.replace(tzinfo=None))
    assert answer.json()["as_of_position"] > 0


def test_a_time_without_a_zone_is_read_in_the_company_zone(client: TestClient) -> None:
    # a minute from now on Chicago's clocks: read as UTC it would be hours ago, before the
    # invoice was recorded
    chicago_clock = datetime.now(ZoneInfo(ZONE)).replace(tzinfo=None) + timedelta(minutes=1)
    utc_clock = datetime.now(ZoneInfo("UTC")) - timedelta(hours=1)

    naive = client.get(URL, params={"as_of": chicago_clock.isoformat(timespec="seconds")})
    an_hour_ago = client.get(URL, params={"as_of": utc_clock.isoformat(timespec="seconds")})

    assert naive.status_code == 200, naive.text
    expected = chicago_clock.replace(microsecond=0, tzinfo=ZoneInfo(ZONE))
    assert datetime.fromisoformat(naive.json()["as_of"]) == expected
    assert naive.json()["as_of"].endswith(expected.isoformat()[-6:])
    assert an_hour_ago.status_code == 404  # the invoice did not exist yet


@pytest.mark.parametrize("position", [2**63, 10**30])
def test_a_huge_position_is_refused_422(client: TestClient, position: int) -> None:
    answer = client.get(URL, params={"as_of_position": position})

    assert answer.status_code == 422, answer.text
    assert "as_of_position" in json.dumps(answer.json())


def test_a_position_past_the_end_means_the_whole_log(client: TestClient) -> None:
    answer = client.get(URL, params={"as_of_position": 2**62})

    assert answer.status_code == 200, answer.text
    assert 0 < answer.json()["as_of_position"] < 100


def test_a_malformed_moment_is_refused_422_with_examples(client: TestClient) -> None:
    answer = client.get(URL, params={"as_of": "yesterday"})

    assert answer.status_code == 422
    assert "2026-03-03T17:30" in answer.json()["detail"]


def test_the_cli_reads_a_date_in_the_company_zone_and_says_which_moment(
    container: Container, tmp_path: Path
) -> None:
    env = {"QBSYNC_DATA_DIR": str(tmp_path), "QBSYNC_TIME_ZONE": ZONE}
    container.close()
    day = TODAY.isoformat()

    shown = CliRunner().invoke(app, ["explain", "invoice", "100-1", "--as-of", day], env=env)
    as_json = CliRunner().invoke(
        app, ["explain", "invoice", "100-1", "--as-of", f"{day}T23:59", "--json"], env=env
    )
    huge = CliRunner().invoke(
        app, ["explain", "invoice", "100-1", "--as-of-position", str(2**64)], env=env
    )

    assert shown.exit_code == 0, shown.output
    end_of_day = datetime.combine(TODAY, time.max, tzinfo=ZoneInfo(ZONE)).isoformat()
    assert f"as of {end_of_day}, log position" in shown.output
    moment = datetime.fromisoformat(json.loads(as_json.output)["as_of"])
    assert moment == datetime.combine(TODAY, time(23, 59), tzinfo=ZoneInfo(ZONE))
    assert huge.exit_code != 0
    assert "Traceback" not in huge.output
    assert "out of range" in huge.output
