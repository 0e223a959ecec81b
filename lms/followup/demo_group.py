"""First step of the follow-up demo, run right after the cohorts demo so that the attendance and
learning demos fill the finished group as they fill the others; lms.followup.demo then opens its plans."""

from lms.followup.demo import seed_finished_group as seed

__all__ = ["seed"]
