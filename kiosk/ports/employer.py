"""An employer's data for its signed-in authorised person (docs/platform-api.yaml
/v1/employers/account), as the platform offers it to a kiosk
(offline_cache.employer_client.EmployerPlatformClient)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kiosk.domain.assurance import SignIn
    from kiosk.domain.employer import Employer, EmployerSummary


class EmployerPlatform(Protocol):
    """Raises kiosk.ports.member.SignInRefused when the person signed in is not the employer's
    authorised person (or the sign-in is stale), PlatformError when there is no usable answer."""

    def my_employers(self, sign_in: SignIn) -> tuple[EmployerSummary, ...]: ...
    def employer_account(self, sign_in: SignIn, employer_id: str) -> Employer: ...
