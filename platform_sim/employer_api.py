"""POST /v1/employers/account: an employer's data for its authorised person, signed in as a member;
POST /v1/employers/mine: which employers the person signed in acts for (ids and names).

The body is `{"sign_in": <member sign-in assertion>, "employer_id": "EMP-0001"}`. The assertion
must be fresh and from this kiosk (platform_sim/sign_in.py SignIns.view), and the member it signs
in must be one of the employer's authorised persons (platform_sim/employers.py); otherwise 403
with a bilingual error, the same answer for an employer that does not exist, so nobody learns
which employer ids there are. The answer is the employer's companies, schemes, employees and
agreed VC plans (docs/platform-api.yaml EmployerAccount). Logs name the employer id and the
device only.
"""

from __future__ import annotations

import hmac
import logging
import re
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from platform_sim import employers
from platform_sim.member_api import MemberServices, _answer, _body
from platform_sim.member_errors import MemberError
from platform_sim.receipts import as_of

log = logging.getLogger("platform_sim.employers")

Endpoint = Callable[[Request], Awaitable[Response]]
SignedEndpoint = Callable[[Request, bytes, str], Awaitable[Response]]
_EMPLOYER_ID = re.compile(r"^[A-Z0-9-]{1,20}$")


def routes(services: MemberServices, signed: Callable[[SignedEndpoint], Endpoint]) -> list[Route]:
    async def account(request: Request, body: bytes, device_id: str) -> Response:
        doc = _body(body)
        employer_id = doc.get("employer_id")
        if not isinstance(employer_id, str) or not _EMPLOYER_ID.match(employer_id):
            raise MemberError(400, "BAD_REQUEST", "employer_id must be an employer id such as EMP-0001")
        verdict = services.sign_ins.view(doc.get("sign_in"), device_id)
        if isinstance(verdict, str):
            raise MemberError(403, verdict)
        employer = employers.EMPLOYERS.get(employer_id)
        authorised = employer is not None and any(
            hmac.compare_digest(services.sign_ins.member_hash(number), verdict.member)
            for number in employer["authorised"])
        if not authorised:
            log.info("employer account refused: %s from %s", employer_id, device_id)
            raise MemberError(403, "EMPLOYER_NOT_AUTHORISED")
        log.info("employer account: %s from %s", employer_id, device_id)
        return JSONResponse({"as_of": as_of(services.clock()), **employers.employer_document(employer_id)})

    async def mine(request: Request, body: bytes, device_id: str) -> Response:
        """The employers whose authorised person is the member signed in: ids and names only."""
        verdict = services.sign_ins.view(_body(body).get("sign_in"), device_id)
        if isinstance(verdict, str):
            raise MemberError(403, verdict)
        found = [{"employer_id": e["employer_id"], "name_zh": e["name_zh"], "name_en": e["name_en"]}
                 for e in employers.EMPLOYERS.values()
                 if any(hmac.compare_digest(services.sign_ins.member_hash(n), verdict.member) for n in e["authorised"])]
        log.info("employers of a signed-in person: %d, from %s", len(found), device_id)
        return JSONResponse({"employers": found})

    return [Route("/v1/employers/account", signed(_answer(account)), methods=["POST"]),
            Route("/v1/employers/mine", signed(_answer(mine)), methods=["POST"])]
