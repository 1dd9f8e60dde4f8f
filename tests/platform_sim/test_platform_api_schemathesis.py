"""Property-based tests of the simulator from its contract, docs/platform-api.yaml (schemathesis).

Schemathesis generates requests for every operation in the document, valid and invalid ones
(positive and negative generation modes), sends them to the real simulator on 127.0.0.1, and
checks each answer: never a 5xx, a status the document lists for that operation, and a body that
conforms to the response schema. Signed routes are signed the way a kiosk signs them (the session
below signs the exact bytes sent), so generated bodies reach the handlers, not just the signature
check. A bounded number of examples per operation keeps the whole file near 30 s on 2 cores.

POST /admin/faults is left out: it makes the simulator inject 5xx answers on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.platform import REPO_ROOT, SimProcess, signed_headers

EXAMPLES_PER_OPERATION = 30
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_path(REPO_ROOT / "docs" / "platform-api.yaml").exclude(
    path="/admin/faults", method="POST")


class SigningSession(requests.Session):
    """Signs every /v1 request except enrolment over the exact bytes it sends, like a kiosk.
    Loopback only: proxies from the environment are ignored."""

    def __init__(self, device_id: str, secret: str) -> None:
        super().__init__()
        self.trust_env = False
        self.device_id = device_id
        self.secret = secret

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        path = request.path_url
        if path.startswith("/v1/") and not path.startswith("/v1/devices/enrol"):
            body = request.body if isinstance(request.body, bytes) else (request.body or "").encode("utf-8")
            request.headers.update(signed_headers(self.device_id, self.secret, request.method or "GET", path, body))
        kwargs.setdefault("timeout", 10)
        return super().send(request, **kwargs)


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimProcess]:
    process = SimProcess(tmp_path_factory.mktemp("schemathesis") / "sim", enrolment_codes=["ST-CODE"])
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="module")
def session(sim: SimProcess) -> Iterator[SigningSession]:
    device_id, secret = sim.enrol("ST-CODE")
    with SigningSession(device_id, secret) as s:
        yield s


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_the_simulator_keeps_its_contract(case: Any, sim: SimProcess, session: SigningSession) -> None:
    case.call_and_validate(base_url=sim.url, session=session, checks=CHECKS)


def test_the_contract_states_the_limits() -> None:
    text = (Path(REPO_ROOT) / "docs" / "platform-api.yaml").read_text(encoding="utf-8")
    for stated in ("1 MiB (1,048,576 bytes)", "32 levels", "NUMBER_NOT_FINITE", "BODY_TOO_LARGE", "urn:uuid:"):
        assert stated in text, stated
