"""``serve`` on a port something else holds: one plain line saying what to do, exit 1, no traceback."""

from __future__ import annotations

import socket

from signpost.cli import main
from tests.conftest import CONFIG, TEMPLATES


def test_a_port_in_use_says_so_and_how_to_choose_another(small_content, capsys):
    with socket.socket() as other:  # another preview, or anything else listening there
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        # The real command line, in this process: it must stop before building, not serve.
        code = main(
            [
                "serve",
                "--content",
                str(small_content),
                "--config",
                str(CONFIG),
                "--templates",
                str(TEMPLATES),
                "--dev-addr",
                f"127.0.0.1:{port}",
                "--today",
                "2026-11-22",
            ]
        )
    said = capsys.readouterr()
    assert code == 1
    assert said.err.strip() == (
        f"The preview could not start: port {port} on 127.0.0.1 is already in use — "
        f"stop the other preview (Ctrl+C in its window) or choose another port with --dev-addr 127.0.0.1:{port + 1}"
    )
    assert "Traceback" not in said.err and "internal problem" not in said.err and not said.out


def test_an_address_without_a_port_is_refused_with_an_example(capsys):
    for address in ("localhost", "127.0.0.1:99999", ":8000"):
        try:
            main(["serve", "--dev-addr", address])
        except SystemExit as stopped:
            assert stopped.code == 2
        else:
            raise AssertionError(f"{address} was accepted")
        said = capsys.readouterr().err
        assert f"'{address}' is not a host and port — write it like 127.0.0.1:8000" in said
        assert "Traceback" not in said and "internal problem" not in said
