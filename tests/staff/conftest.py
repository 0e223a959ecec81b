from tests.cohorts.conftest import world  # noqa: F401  (the delivery world of the cohorts tests)
from tests.staff.walks import session_day  # noqa: F401  (the session day of the trainee and trainer walks)
