"""First step of the directory demo, run right after the cohorts demo (like lms.followup.demo_group) so
that the attendance and learning demos fill its finished groups the first time as on every later run."""

from lms.directory.demo import seed_groups as seed

__all__ = ["seed"]
