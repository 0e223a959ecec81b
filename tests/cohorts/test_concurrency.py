"""The capacity holds under concurrent enrolments: real threads, each with its own connection."""

import threading

import pytest
from django.db import connection

from lms.cohorts import services
from lms.cohorts.models import Enrolment
from lms.people.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 20


def test_twenty_simultaneous_attempts_for_the_last_three_seats(world):
    group = world["ip_group"]  # 8 seats
    for _ in range(5):
        services.enrol(group, UserFactory())
    candidates = [UserFactory() for _ in range(ATTEMPTS)]
    barrier = threading.Barrier(ATTEMPTS)
    answers, lock = [], threading.Lock()

    def attempt(trainee):
        try:
            barrier.wait()
            services.enrol(group, trainee)
            answer = "inscrit"
        except services.GroupFullError as error:
            answer = error.messages[0]
        except Exception as error:  # noqa: BLE001 - any other outcome must show in the assertion
            answer = f"erreur inattendue : {error!r}"
        finally:
            connection.close()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=attempt, args=(trainee,)) for trainee in candidates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == sorted(
        ["inscrit"] * 3 + ["Ce groupe est complet : plus aucune place n'est disponible."] * 17
    )
    assert Enrolment.objects.filter(group=group, status=Enrolment.Status.ENROLLED).count() == 8
    assert connection.vendor in {"sqlite", "postgresql"}
