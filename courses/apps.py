from django.apps import AppConfig


class CoursesConfig(AppConfig):
    """The curriculum of the two EPoP courses, edited in Wagtail."""

    name = "courses"
    verbose_name = "Curriculum"
