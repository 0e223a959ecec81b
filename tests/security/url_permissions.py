"""THE permission table of the URL × role test: every URL pattern of the project → who may reach it.

Roles: anonymous, trainee (enrolled in `group`), other_trainee (enrolled in `other_group`, another
region), trainer and peer_trainer (lead `group`), regional (team of `group`'s region), other_region,
org_staff (staff of `group`'s organisation), national, admin; and the cross-scope roles, who reached
`trainee` only through a row that gives no right: the trainee's withdrawn place in `other_group`
(other_region's region, other_org_staff's organisation) and a waiting-list place in `waiting_group`
(led by other_trainer). They must see none of the trainee's records. Roles not in `allowed` must be refused
(403/404 or a redirect to a login page). `kwargs(w)` builds the URL's arguments from the world built
in test_url_permissions.py (w.group, w.session, w.trainee…, w.make(...) for any other record).

A new URL needs an entry here (by name, or by route when it has no name), or a PREFIX_RULES match.
"""

from tests.security.urlcheck import ROLES, Rule

EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
NOBODY = frozenset()
ADMIN = frozenset({"admin"})
# Individual records of `trainee` (can_view_trainee_records): themself, who leads or manages the group.
TRAINEE_RECORDS = frozenset({"trainee", "trainer", "peer_trainer", "regional", "org_staff", "admin"})
GROUP_STAFF = frozenset({"trainer", "peer_trainer", "regional", "org_staff", "admin"})
GROUP_LEADERS = frozenset({"trainer", "peer_trainer", "admin"})
GROUP_MANAGERS = frozenset({"regional", "org_staff", "admin"})
# Visible group (visible_groups): its members, staff, and the national team for aggregates.
GROUP_VIEWERS = GROUP_STAFF | {"trainee", "national"}
ADMIN_ROLES = frozenset({"regional", "other_region", "org_staff", "other_org_staff", "national", "admin"})
LEADERS_ANYWHERE = frozenset({"trainer", "peer_trainer", "other_trainer"})
# Recruitment (applications, interviews) is done by the regional teams (each sees its region's).
RECRUITERS = frozenset({"regional", "other_region", "admin"})
SELECTORS = frozenset({"regional", "admin"})


def pk(attribute):
    return lambda w: {"pk": getattr(w, attribute).pk}


URL_PERMISSIONS: dict[str, Rule] = {
    # --- platform, login, language, Wagtail documents and pages -------------------------------
    "wagtail_serve": Rule(EVERYONE, args=lambda w: [""], note="public pages; private pages use view restrictions"),
    "wagtaildocs_serve": Rule(EVERYONE, args=lambda w: [w.document.pk, w.document.filename]),
    "courses:media": Rule(
        EVERYONE,
        kwargs=lambda w: {"document_id": w.media_document.pk, "document_filename": w.media_document.filename},
        note="curriculum audio/video; Wagtail's collection privacy applies",
    ),
    "wagtaildocs_authenticate_with_password": Rule(EVERYONE, kwargs=lambda w: {"restriction_id": w.doc_restriction.pk}),
    "wagtailcore_authenticate_with_password": Rule(
        EVERYONE, kwargs=lambda w: {"page_view_restriction_id": w.page_restriction.pk, "page_id": w.home.pk}
    ),
    "wagtailcore_login": Rule(EVERYONE),
    "set_language": Rule(EVERYONE, method="POST", data={"language": "fr"}),
    "login": Rule(EVERYONE),
    "logout": Rule(EVERYONE, method="POST"),
    # --- people: account, GDPR ------------------------------------------------------------------
    "people:account": Rule(LOGGED_IN),
    "people:data_export": Rule(LOGGED_IN),
    "people:data_export_json": Rule(LOGGED_IN),
    "people:erasure_request": Rule(LOGGED_IN),
    "people:erasure_requests": Rule(ADMIN),
    "people:erasure_process": Rule(ADMIN, method="POST", kwargs=pk("erasure_request")),
    "people:erasure_refuse": Rule(ADMIN, method="POST", kwargs=pk("erasure_request")),
    "people:password_change": Rule(LOGGED_IN),
    "people:contact_details": Rule(LOGGED_IN),
    "people:email_change": Rule(LOGGED_IN),
    "people:email_change_confirm": Rule(
        LOGGED_IN, kwargs=lambda w: {"token": "x"}, note="a page with a button; the change checks the signed token"
    ),
    "people:password_reset": Rule(EVERYONE, note="same answer whether the address exists or not"),
    "people:password_reset_done": Rule(EVERYONE),
    "people:password_reset_confirm": Rule(
        EVERYONE, kwargs=lambda w: {"uidb64": "x", "token": "y"}, note="one-time token; a bad one says so"
    ),
    "people:invitation": Rule(EVERYONE, kwargs=lambda w: {"uidb64": "x", "token": "y"}, note="one-time token"),
    # --- accessibility --------------------------------------------------------------------------
    "accessibility:statement": Rule(EVERYONE),
    # The RGAA self-check: the national team, which publishes the statement, and administrators.
    "accessibility:self_check": Rule(frozenset({"national", "admin"})),
    "accessibility:self_check_theme": Rule(frozenset({"national", "admin"}), kwargs=lambda w: {"theme_number": 1}),
    "accessibility:preferences": Rule(EVERYONE),
    "accessibility:my_needs": Rule(LOGGED_IN),
    # Health-related: the trainee, their trainers, their region's team; not even administrators.
    "accessibility:trainee_needs": Rule(
        frozenset({"trainee", "trainer", "peer_trainer", "regional"}), kwargs=lambda w: {"trainee_id": w.trainee.pk}
    ),
    "accessibility:session_plan": Rule(
        GROUP_LEADERS | {"regional"}, kwargs=lambda w: {"session_id": w.session.pk}, note="counts, no names"
    ),
    # --- attendance -----------------------------------------------------------------------------
    "attendance:trainee_home": Rule(LOGGED_IN),
    "attendance:index": Rule(
        GROUP_LEADERS | {"other_trainer", "regional", "other_region", "org_staff", "other_org_staff"},
        note="the sessions one leads, or those of the groups one's region or organisation runs",
    ),
    "attendance:sign": Rule(frozenset({"trainee"}), kwargs=lambda w: {"slot_id": w.slot.pk}),
    "attendance:session": Rule(GROUP_STAFF, kwargs=lambda w: {"session_id": w.session.pk}),
    "attendance:session_action": Rule(GROUP_LEADERS, method="POST", kwargs=lambda w: {"session_id": w.session.pk}),
    "attendance:sheet_pdf": Rule(GROUP_STAFF, kwargs=lambda w: {"session_id": w.session.pk}),
    "attendance:signature_image": Rule(TRAINEE_RECORDS, kwargs=lambda w: {"signature_id": w.signature.pk}),
    "attendance:catch_up": Rule(frozenset({"trainee"}), kwargs=lambda w: {"catch_up_id": w.catch_up.pk}),
    "attendance:catch_up_item": Rule(
        frozenset({"trainee"}), kwargs=lambda w: {"catch_up_id": w.catch_up.pk, "item_key": w.catch_up_item_key}
    ),
    "attendance:material_file": Rule(GROUP_VIEWERS - {"national"}, kwargs=lambda w: {"material_id": w.material.pk}),
    # --- cohorts --------------------------------------------------------------------------------
    "cohorts:apply": Rule(EVERYONE),
    "cohorts:apply_done": Rule(EVERYONE),
    "cohorts:groups_overview": Rule(ADMIN_ROLES),
    # The group page is the hub (lms.staff.group_hub) under the same address; the national team reads
    # it as counts, without trainees' names.
    "cohorts:group_detail": Rule(GROUP_STAFF | {"national"}, kwargs=pk("group")),
    "group_hub": Rule(GROUP_STAFF | {"national"}, kwargs=pk("group")),
    "cohorts:edit_session": Rule(GROUP_MANAGERS, kwargs=lambda w: {"pk": w.group.pk, "session_pk": w.session.pk}),
    "cohorts:move_session": Rule(GROUP_MANAGERS, kwargs=lambda w: {"pk": w.group.pk, "session_pk": w.session.pk}),
    "cohorts:cancel_session": Rule(GROUP_MANAGERS, kwargs=lambda w: {"pk": w.group.pk, "session_pk": w.session.pk}),
    "cohorts:group_convocations": Rule(GROUP_MANAGERS, kwargs=pk("group")),
    "cohorts:session_convocations": Rule(
        GROUP_MANAGERS, kwargs=lambda w: {"pk": w.group.pk, "session_pk": w.session.pk}
    ),
    "cohorts:resend_convocations": Rule(
        GROUP_MANAGERS, method="POST", kwargs=lambda w: {"pk": w.group.pk, "session_pk": w.session.pk}
    ),
    "cohorts:convocation_preview": Rule(
        GROUP_MANAGERS, kwargs=lambda w: {"pk": w.group.pk, "session_pk": w.session.pk}
    ),
    "cohorts:schedule_session": Rule(GROUP_MANAGERS, kwargs=pk("group")),
    "cohorts:withdraw_enrolment": Rule(
        GROUP_MANAGERS, method="POST", kwargs=lambda w: {"pk": w.group.pk, "enrolment_pk": w.enrolment.pk}
    ),
    "cohorts:applications": Rule(RECRUITERS),
    "cohorts:record_application": Rule(RECRUITERS),
    # Interview notes are sensitive: the region's team and administrators only.
    "cohorts:application_detail": Rule(SELECTORS, kwargs=pk("application")),
    "cohorts:record_interview": Rule(SELECTORS, kwargs=pk("application")),
    "cohorts:record_charter": Rule(SELECTORS, kwargs=pk("application")),
    "cohorts:charter_document": Rule(SELECTORS, kwargs=pk("application")),
    "cohorts:enrol_application": Rule(SELECTORS, method="POST", kwargs=pk("application")),
    "cohorts:resend_invitation": Rule(SELECTORS, method="POST", kwargs=pk("application")),
    "cohorts:my_sessions": Rule(LEADERS_ANYWHERE),
    "cohorts:my_schedule": Rule(LOGGED_IN),
    "cohorts:renew_calendar_token": Rule(LOGGED_IN, method="POST"),
    "cohorts:calendar_feed": Rule(EVERYONE, kwargs=lambda w: {"token": w.calendar_token.token}, note="the token"),
    # --- staff workspace (Gestion) ----------------------------------------------------------------
    "staff:home": Rule(ADMIN_ROLES),
    "staff:group_create": Rule(ADMIN_ROLES - {"national"}, note="the national team reads"),
    "staff:group_edit": Rule(GROUP_MANAGERS, kwargs=pk("group")),
    "staff:venue_create": Rule(ADMIN_ROLES - {"national"}),
    "staff:venue_edit": Rule(
        GROUP_MANAGERS, kwargs=lambda w: {"pk": w.venue.pk}, note="a venue of the group's territory"
    ),
    "staff:completion_rules": Rule(ADMIN_ROLES),
    "staff:completion_rule_edit": Rule(frozenset({"national", "admin"}), kwargs=lambda w: {"course_pk": w.course.pk}),
    "staff:arrangements_catalogue": Rule(ADMIN_ROLES),
    # --- learning -------------------------------------------------------------------------------
    "learning:my_work": Rule(LOGGED_IN),
    "learning:answer": Rule(frozenset({"trainee"}), kwargs=lambda w: {"assignment_id": w.assignment.pk}),
    "learning:review": Rule(
        GROUP_STAFF, kwargs=lambda w: {"assignment_id": w.assignment.pk, "trainee_id": w.trainee.pk}
    ),
    "learning:group_work": Rule(GROUP_STAFF, kwargs=lambda w: {"group_id": w.group.pk}),
    "learning:submission_media": Rule(TRAINEE_RECORDS, kwargs=lambda w: {"submission_id": w.submission.pk}),
    "learning:feedback_audio": Rule(TRAINEE_RECORDS, kwargs=lambda w: {"feedback_id": w.feedback.pk}),
    "learning:group_objectives": Rule(GROUP_STAFF, kwargs=lambda w: {"group_id": w.group.pk}),
    "learning:export_objectives": Rule(GROUP_STAFF, kwargs=lambda w: {"group_id": w.group.pk}),
    "learning:trainee_objectives": Rule(
        TRAINEE_RECORDS, kwargs=lambda w: {"group_id": w.group.pk, "trainee_id": w.trainee.pk}
    ),
    "learning:assess": Rule(
        GROUP_LEADERS | {"trainee"},
        note="self-positioning",
        kwargs=lambda w: {"group_id": w.group.pk, "trainee_id": w.trainee.pk, "kind_slug": "finale"},
    ),
    # --- certificates ---------------------------------------------------------------------------
    "certificates:home": Rule(LOGGED_IN),
    "certificates:group": Rule(GROUP_MANAGERS, kwargs=pk("group")),
    "certificates:issue": Rule(GROUP_MANAGERS, method="POST", kwargs=pk("group")),
    "certificates:batch_progress": Rule(GROUP_MANAGERS, kwargs=pk("batch")),
    "certificates:revoke": Rule(GROUP_MANAGERS, method="POST", kwargs=pk("certificate")),
    "certificates:download": Rule(
        TRAINEE_RECORDS - GROUP_LEADERS | {"admin"}, kwargs=lambda w: {"pk": w.certificate.pk, "kind": "attestation"}
    ),
    "certificates:signatory": Rule(frozenset({"org_staff", "admin"}), kwargs=lambda w: {"pk": w.organisation.pk}),
    "certificates:verify_form": Rule(EVERYONE),
    "certificates:verify": Rule(EVERYONE, kwargs=lambda w: {"code": w.certificate.code}),
    "certificates:ob_issuer": Rule(EVERYONE),
    "certificates:ob_jwks": Rule(EVERYONE),
    "certificates:ob_achievement": Rule(EVERYONE, kwargs=lambda w: {"audience": "peer_interveners"}),
    # --- wagtail-lms (its SCORM/course models are not used; H5P content and tracking are) -------
    "wagtail_lms:scorm_player": Rule(NOBODY, kwargs={"lesson_id": 999999}, note="no SCORM lesson in our tree"),
    "wagtail_lms:scorm_api": Rule(NOBODY, method="POST", kwargs={"attempt_id": 999999}),
    "wagtail_lms:enroll_course": Rule(NOBODY, kwargs={"course_id": 999999}, note="its own course pages are unused"),
    "wagtail_lms:serve_scorm_content": Rule(NOBODY, kwargs={"content_path": "absent/index.html"}),
    "wagtail_lms:h5p_xapi": Rule(NOBODY, method="POST", kwargs={"activity_id": 999999}),
    "wagtail_lms:h5p_content_user_data": Rule(
        NOBODY, kwargs={"activity_id": 999999}, data={"dataType": "state", "subContentId": "0"}
    ),
    "wagtail_lms:serve_h5p_content": Rule(NOBODY, kwargs={"content_path": "absent/h5p.json"}),
    # The same path, answered first by the sandboxed view (courses/h5p_serving.py).
    "courses:h5p_content": Rule(NOBODY, kwargs={"content_path": "absent/h5p.json"}),
    "courses:h5p_text_answer": Rule(
        NOBODY, method="POST", kwargs={"page_id": 999999, "block_id": "absent"}, data={"answer": "1"}
    ),
}

# Families of routes too many to list one by one: every route under the prefix follows the rule.
# The Wagtail admin checks its own per-model permissions inside; this rule checks that only staff
# roles get in at all (sample URLs, placeholder ids).
PREFIX_RULES: dict[str, Rule] = {
    "admin/": Rule(ADMIN_ROLES, note="Wagtail admin: staff roles only, anonymous sent to the login page"),
}
