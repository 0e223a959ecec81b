"""Wagtail admin views: the content accessibility report of each course."""

from django.shortcuts import get_object_or_404, render

from accessibility.content_checks import CHECKS, course_content_issues
from courses.models import CoursePage


def content_report_index(request):
    courses = [(course, len(course_content_issues(course))) for course in CoursePage.objects.order_by("title")]
    return render(request, "accessibility/admin/content_index.html", {"courses": courses})


def content_report(request, course_id):
    course = get_object_or_404(CoursePage, pk=course_id)
    issues = course_content_issues(course)
    counts = {label: sum(1 for issue in issues if issue.check == key) for key, label in CHECKS.items()}
    return render(
        request, "accessibility/admin/content_report.html", {"course": course, "issues": issues, "counts": counts}
    )
