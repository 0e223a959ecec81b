from tests.cohorts.conftest import world  # noqa: F401  (the delivery world of the cohorts tests)
