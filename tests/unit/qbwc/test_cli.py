from __future__ import annotations

from lxml import etree
from typer import Typer
from typer.testing import CliRunner

from adapters.quickbooks.webconnector.users import verify_password
from api.cli.webconnector import register


def cli() -> Typer:
    app = Typer()
    app.command("noop")(lambda: None)
    register(app)
    return app


def test_hash_password_prints_a_verifiable_hash() -> None:
    result = CliRunner().invoke(cli(), ["webconnector", "hash-password"], input="pw\npw\n")
    assert result.exit_code == 0, result.output
    assert verify_password("pw", result.output.strip().splitlines()[-1])


def test_qwc_prints_the_file_and_refuses_plain_http() -> None:
    runner = CliRunner()
    good = runner.invoke(
        cli(),
        [
            "webconnector",
            "qwc",
            "https://qb.example.com/qbwc/company/acme",
            "-u",
            "alice",
            "-c",
            "acme",
        ],
    )
    assert good.exit_code == 0, good.output
    assert etree.fromstring(good.output.encode()).findtext("UserName") == "alice"
    bad = runner.invoke(
        cli(), ["webconnector", "qwc", "http://qb.example.com/qbwc", "-u", "a", "-c", "acme"]
    )
    assert bad.exit_code == 2
    assert "HTTPS" in bad.output
