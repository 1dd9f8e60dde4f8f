"""The platform's employer call, as the kiosk makes it: an employer's companies, schemes, employees
and agreed VC plans for its authorised person, who signed in the way a member does (docs/sign-in.md).

The answer becomes kiosk.domain.employer.Employer through the domain's own parser, so the kiosk
believes nothing the contract does not say: a document that does not hold together (a plan with
an unknown basis, an employee on a scheme the employer does not join) is a PlatformError.
Nothing here logs an assertion or an HKID number.
"""

from __future__ import annotations

import re

from kiosk.domain.assurance import SignIn
from kiosk.domain.employer import Employer, EmployerSummary, employer_from_doc
from kiosk.ports import PlatformError

from .sign_in_client import MemberPlatformClient

_EMPLOYER_ID = re.compile(r"[A-Z0-9-]{1,20}")


class EmployerPlatformClient(MemberPlatformClient):
    """MemberPlatformClient with the employer call (kiosk.ports.employer.EmployerPlatform)."""

    def my_employers(self, sign_in: SignIn) -> tuple[EmployerSummary, ...]:
        """The employers the person signed in acts for (ids and names), possibly none."""
        doc = self._call("POST", "/v1/employers/mine", {"sign_in": sign_in.assertion}, 200, "employers")
        found = doc.get("employers") if isinstance(doc, dict) else None
        if not isinstance(found, list):
            raise PlatformError("employers: not a list")
        out = []
        for e in found[:50]:
            if not (isinstance(e, dict) and isinstance(e.get("employer_id"), str)
                    and _EMPLOYER_ID.fullmatch(e["employer_id"])):
                raise PlatformError("employers: an entry without a usable employer id")
            out.append(EmployerSummary(e["employer_id"], str(e.get("name_zh", ""))[:200],
                                       str(e.get("name_en", ""))[:200]))
        return tuple(out)

    def employer_account(self, sign_in: SignIn, employer_id: str) -> Employer:
        if not _EMPLOYER_ID.fullmatch(employer_id):
            raise PlatformError("employer account: not an employer id")
        doc = self._call("POST", "/v1/employers/account", {"sign_in": sign_in.assertion, "employer_id": employer_id},
                         200, "employer account")
        try:
            employer = employer_from_doc(doc)
        except ValueError as e:
            raise PlatformError(f"employer account: {e}") from None
        if employer.employer_id != employer_id:
            raise PlatformError("employer account: the answer is for another employer")
        return employer
