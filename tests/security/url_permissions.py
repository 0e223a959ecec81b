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
# Survey results: regional teams, organisation staff, the national team, administrators; a group's own
# results for its region's team, its organisation's staff, the national team and administrators.
RESULT_READERS = ADMIN_ROLES
GROUP_RESULT_READERS = frozenset({"regional", "org_staff", "national", "admin"})


# Dashboards (lms.reporting.permissions.reach): regional teams, organisation staff, the national team,
# administrators and funders.
DASHBOARD_READERS = ADMIN_ROLES | {"funder"}


def reporting_export(w):
    """An export the regional team asked for (made on demand)."""
    from django.core.files.base import ContentFile

    from lms.reporting.models import ReportExport

    export = ReportExport.objects.create(requested_by=w.regional, kind="csv", dimension="territory")
    export.file.save("suivi.csv", ContentFile(b"\xef\xbb\xbfTerritoire;Groupes\r\n"), save=True)
    return {"pk": export.pk}


def funder_report(w):
    """A report of `group`'s region, issued by its team (made on demand)."""
    from django.utils import timezone

    from lms.reporting import services

    report = services.issue_funder_report(
        actor=w.regional, region=w.group.territory.region, year=timezone.localdate().year
    )
    return {"pk": report.pk}


def pk(attribute):
    return lambda w: {"pk": getattr(w, attribute).pk}


def followup_plan(w):
    """The trainee's follow-up plan in `group` (made on demand: each URL runs in a rolled-back savepoint)."""
    from django.utils import timezone

    from lms.followup.models import FollowUpPlan

    plan, _ = FollowUpPlan.objects.get_or_create(
        trainee=w.trainee, group=w.group, defaults={"kind": "action_plan", "opened_at": timezone.now()}
    )
    return {"pk": plan.pk}


def followup_meeting(w, *, requested=False):
    """An individual meeting on the trainee's plan (made on demand, like the plan)."""
    from django.utils import timezone

    from lms.followup.models import FollowUpPlan, Meeting

    plan = FollowUpPlan.objects.get(pk=followup_plan(w)["pk"])
    meeting = Meeting.objects.create(
        plan=plan,
        region_id=w.group.territory.region_id,
        status="requested" if requested else "scheduled",
        starts_at=None if requested else timezone.now(),
        place="Lyon",
    )
    return {"pk": meeting.pk}


def followup_action(w):
    """An action of the trainee's plan, with its evidence document."""
    from django.core.files.base import ContentFile

    from lms.followup.models import PlanAction

    plan = followup_plan(w)
    action = PlanAction(plan_id=plan["pk"], title="Réunion d'équipe")
    action.evidence_document.save("preuve.pdf", ContentFile(b"%PDF-1.4 preuve"), save=False)
    action.save()
    return {"pk": plan["pk"], "action_pk": action.pk}


def followup_next_action(w):
    """A next step agreed for the trainee's plan in a held meeting."""
    from lms.followup.models import Meeting, NextAction

    meeting = Meeting.objects.get(pk=followup_meeting(w)["pk"])
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    step = NextAction.objects.create(meeting=meeting, plan_id=meeting.plan_id, title="Appeler la mairie")
    return {"pk": meeting.plan_id, "step_pk": step.pk}


def followup_questionnaire(w):
    """The +3-month questionnaire of the trainee's plan."""
    import datetime

    from lms.followup.models import Questionnaire

    questionnaire, _ = Questionnaire.objects.get_or_create(
        plan_id=followup_plan(w)["pk"], milestone="3m", defaults={"due_on": datetime.date(2026, 9, 1)}
    )
    return {"pk": questionnaire.pk}


def directory_plan(w):
    """The trainee's validated intervention project in `group` (an entry grows from it)."""
    from django.utils import timezone

    from lms.followup.models import FollowUpPlan

    plan, _ = FollowUpPlan.objects.update_or_create(
        trainee=w.trainee,
        group=w.group,
        defaults={"kind": "intervention_project", "status": "validated", "opened_at": timezone.now(), "themes": "Vie"},
    )
    return plan


def arrangement_provider(w):
    """A provider of the regional team's region, saved by that team."""
    from accessibility import services

    return {
        "pk": services.save_provider(
            actor=w.regional, region_id=w.group.territory.region_id, name="Interprètes 69", kinds=["lsf"]
        ).pk
    }


def directory_entry(w, *, published=False):
    """The trainee's directory entry with a photo; published by the region's team when asked."""
    from lms.directory import services
    from lms.directory.factories import png_photo

    entry = services.start_entry(actor=w.trainee, plan=directory_plan(w))
    if not entry.photo:
        services.update_entry(actor=w.trainee, entry=entry, show_photo=True, photo_alt="Portrait", photo=png_photo())
    if published and entry.status != "published":
        services.submit_entry(actor=w.trainee, entry=entry, consent=True)
        services.publish_entry(actor=w.regional, entry=entry)
    return entry


# Directory entries: the person's own; the team of the entry's region reviews; the national team reads.
DIRECTORY_REVIEWERS = frozenset({"regional", "admin"})


def intervention(w, *, stage="preparation", proposal_status="accepted"):
    """An intervention request of `group`'s region with the trainee proposed (their validated
    intervention project), an expense line with its receipt and a partner feedback token."""
    import io

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from PIL import Image

    from lms.followup.models import FollowUpPlan
    from lms.interventions.models import ExpenseLine, InterventionRequest, Proposal

    now = timezone.now()
    plan, _ = FollowUpPlan.objects.get_or_create(
        trainee=w.trainee,
        group=w.group,
        defaults={"kind": "intervention_project", "status": "validated", "opened_at": now, "themes": "Santé"},
    )
    request = InterventionRequest.objects.create(
        region_id=w.group.territory.region_id, organisation_name="Foyer", organisation_kind="esms",
        contact_name="Claire", contact_email="claire@example.org", what="Sensibilisation", audience="Équipe",
        dates_wished="Octobre", place="Lyon", stage=stage, stage_changed_at=now, created_at=now,
        feedback_token="jeton-de-test",
    )  # fmt: skip
    proposal = Proposal.objects.create(
        request=request, peer=w.trainee, plan=plan, status=proposal_status, proposed_at=now
    )
    line = ExpenseLine(request=request, submitted_by=w.trainee, kind="transport", amount=12, spent_on=now.date())
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    line.receipt.save("ticket.png", ContentFile(buffer.getvalue()), save=False)
    line.save()
    return {"request": request, "proposal": proposal, "line": line}


def intervention_pk(w, **options):
    return {"pk": intervention(w, **options)["request"].pk}


def intervention_proposal(w, **options):
    return {"pk": intervention(w, **options)["proposal"].pk}


def intervention_line(w):
    made = intervention(w)
    return {"pk": made["request"].pk, "line_pk": made["line"].pk}


# Follow-up plans: the person, their group's regional team, administrators (not the national team,
# not the organisation, not the trainers).
PLAN_READERS = frozenset({"trainee", "regional", "admin"})
PLAN_MANAGERS = frozenset({"regional", "admin"})
# Intervention requests: their region's team and administrators handle them; the national team reads.
REQUEST_READERS = frozenset({"regional", "national", "admin"})


def tender(w, *, stage="closed"):
    """A call of `group`'s region with one lot and a bid of `organisation` (org_staff's): "draft", "open"
    (deadline ahead), "closed" (deadline past, bid checked compliant), "awarded" or "abandoned" (declared
    abandoned before its deadline) (made on demand)."""
    import datetime

    from django.utils import timezone

    from lms.tenders.kit import seed_specification
    from lms.tenders.models import Bid, Call, Lot, Requirement, Specification

    seed_specification(Specification, Requirement)
    now = timezone.now()
    ahead = stage in ("draft", "open", "abandoned")
    deadline = now + datetime.timedelta(days=10) if ahead else now - datetime.timedelta(days=1)
    call = Call.objects.create(
        region_id=w.group.territory.region_id, title=f"AO {stage}", procedure="private",
        specification=Specification.objects.first(),
        status={"draft": "draft", "abandoned": "abandoned"}.get(stage, "published"),
        publication_date=now.date() - datetime.timedelta(days=30), questions_deadline=deadline,
        submission_deadline=deadline, award_date=now.date() + datetime.timedelta(days=20),
        start_date=now.date() + datetime.timedelta(days=40), published_at=None if stage == "draft" else now,
        compliance_checked_at=None if ahead else now, abandoned_at=now if stage == "abandoned" else None,
        abandon_reason="Besoin modifié" if stage == "abandoned" else "",
    )  # fmt: skip
    call.criteria.create(kind="price", label="Prix", weight=40)
    call.criteria.create(kind="quality", label="Pédagogie", weight=60, order=1)
    lot = Lot.objects.create(call=call, number=1, course=w.course, territory=w.group.territory)
    bid = Bid.objects.create(
        lot=lot, organisation=w.organisation, submitted_by=w.org_staff, submitted_at=now, technical_proposal="Offre",
        price=20000, group_size=8, digest="0" * 64, compliance="" if ahead else "compliant",
        schedule=[{"date": "2027-01-12", "start": "09:00", "end": "12:00"}],
    )  # fmt: skip
    if stage == "awarded":
        lot.awarded_bid = bid
        lot.save()
    return {"call": call, "lot": lot, "bid": bid}


def tender_registration(w):
    from django.utils import timezone

    from lms.tenders.models import Registration

    registration = Registration.objects.create(
        name="Forma Sud", siret="73282932000074", nda="84691234569", region_id=w.group.territory.region_id,
        contact_name="Julie Faure", contact_email="julie@formasud.example", submitted_at=timezone.now(),
    )  # fmt: skip
    return {"pk": registration.pk}


def tender_question(w):
    from django.utils import timezone

    call = tender(w, stage="open")["call"]
    return {"pk": call.questions.create(text="Le samedi ?", asked_by=w.org_staff, asked_at=timezone.now()).pk}


TENDER_TEAM = frozenset({"regional", "admin"})
TENDER_READERS = frozenset({"regional", "national", "admin"})
BIDDERS = frozenset({"org_staff", "other_org_staff"})


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
    "attendance:my_attendance": Rule(LOGGED_IN),
    "attendance:index": Rule(
        GROUP_LEADERS | {"other_trainer", "regional", "other_region", "org_staff", "other_org_staff"},
        note="the sessions one leads, or those of the groups one's region or organisation runs",
    ),
    "attendance:sign": Rule(frozenset({"trainee"}), kwargs=lambda w: {"slot_id": w.slot.pk}),
    "attendance:session": Rule(GROUP_STAFF, kwargs=lambda w: {"session_id": w.session.pk}),
    "attendance:session_action": Rule(GROUP_LEADERS, method="POST", kwargs=lambda w: {"session_id": w.session.pk}),
    "attendance:cell": Rule(
        GROUP_LEADERS,
        kwargs=lambda w: {
            "session_id": w.session.pk,
            "slot_id": w.slot.pk,
            "trainee_id": w.signature.record.trainee_id,
        },
    ),
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
    "cohorts:delete_session": Rule(GROUP_MANAGERS, kwargs=lambda w: {"pk": w.group.pk, "session_pk": w.session.pk}),
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
    "staff:provider_create": Rule(frozenset({"regional", "other_region", "admin"}), note="each team its region"),
    "staff:provider_edit": Rule(frozenset({"regional", "admin"}), kwargs=arrangement_provider),
    "staff:person_create": Rule(ADMIN_ROLES - {"national"}, note="the national team reads"),
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
    # --- surveys: the answer link (its token is the key), results for the group's managers ---------------
    "surveys:answer": Rule(EVERYONE, kwargs=lambda w: {"token": w.survey_token}, note="one-time token"),
    "surveys:thanks": Rule(EVERYONE),
    "surveys:my_surveys": Rule(LOGGED_IN),
    "surveys:answer_mine": Rule(frozenset({"trainee"}), kwargs=lambda w: {"pk": w.survey_invitation.pk}),
    "surveys:results": Rule(RESULT_READERS, note="each sees the campaigns of their own groups"),
    "surveys:campaign_results": Rule(GROUP_RESULT_READERS, kwargs=pk("campaign")),
    "surveys:campaign_export": Rule(GROUP_RESULT_READERS, kwargs=pk("campaign")),
    "surveys:public_results": Rule(EVERYONE, note="published results (Qualiopi indicator 2), no figure under 5"),
    # --- complaints (the register of the group's region) and improvement actions ---------------------------
    "surveys:complaint_public": Rule(EVERYONE, note="throttled per address"),
    "surveys:complaint_thanks": Rule(EVERYONE),
    "surveys:complaint_mine": Rule(LOGGED_IN),
    "surveys:complaints": Rule(RESULT_READERS, note="each sees the complaints of their scope"),
    "surveys:incident_new": Rule(LEADERS_ANYWHERE, note="only sessions they lead are offered"),
    "surveys:complaint_detail": Rule(GROUP_RESULT_READERS, kwargs=pk("complaint")),
    "surveys:complaint_step": Rule(
        frozenset({"regional", "admin"}),
        method="POST",
        kwargs=lambda w: {"pk": w.complaint.pk, "step": "accuser-reception"},
    ),
    "surveys:actions": Rule(RESULT_READERS),
    "surveys:action_new": Rule(RECRUITERS, note="the regional teams (their region) and administrators"),
    "surveys:action_detail": Rule(frozenset({"regional", "national", "admin"}), kwargs=pk("improvement_action")),
    "surveys:review": Rule(RESULT_READERS),
    "surveys:review_export": Rule(RESULT_READERS),
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
    # --- follow-up after the training -----------------------------------------------------------
    "followup:my_plan": Rule(frozenset({"trainee"}), kwargs=followup_plan, note="Mon espace: one's own plan only"),
    "followup:my_plan_submit": Rule(frozenset({"trainee"}), method="POST", kwargs=followup_plan),
    "followup:action_add": Rule(PLAN_READERS, kwargs=followup_plan),
    "followup:team_plans": Rule(frozenset({"regional", "other_region", "admin"}), note="each team its region's"),
    "followup:plan_detail": Rule(PLAN_MANAGERS, kwargs=followup_plan),
    "followup:plan_decision": Rule(PLAN_MANAGERS, method="POST", kwargs=followup_plan),
    "followup:my_meeting_request": Rule(frozenset({"trainee"}), kwargs=followup_plan),
    "followup:meeting_schedule": Rule(PLAN_MANAGERS, kwargs=followup_plan),
    "followup:meeting_detail": Rule(PLAN_MANAGERS, kwargs=followup_meeting, note="summaries: team and admins"),
    "followup:meeting_schedule_request": Rule(PLAN_MANAGERS, kwargs=lambda w: followup_meeting(w, requested=True)),
    "followup:meeting_cancel": Rule(PLAN_MANAGERS, method="POST", kwargs=followup_meeting),
    "followup:next_action_done": Rule(PLAN_MANAGERS, method="POST", kwargs=followup_next_action),
    "followup:network_meeting_create": Rule(frozenset({"regional", "other_region", "admin"})),
    "followup:action_progress": Rule(PLAN_READERS, kwargs=followup_action),
    "followup:action_evidence": Rule(PLAN_READERS, kwargs=followup_action, note="private file"),
    "followup:my_questionnaire": Rule(frozenset({"trainee"}), kwargs=followup_questionnaire),
    "followup:team_questionnaire": Rule(PLAN_MANAGERS, kwargs=lambda w: {**followup_plan(w), "milestone": "3m"}),
    # --- directory of peer interveners and referents ------------------------------------------------
    "directory:mine": Rule(LOGGED_IN, note="each person their own entries"),
    "directory:my_entry_start": Rule(
        frozenset({"trainee"}), method="POST", kwargs=lambda w: {"plan_pk": directory_plan(w).pk}
    ),
    "directory:my_entry": Rule(frozenset({"trainee"}), kwargs=lambda w: {"pk": directory_entry(w).pk}),
    "directory:my_entry_submit": Rule(
        frozenset({"trainee"}), method="POST", kwargs=lambda w: {"pk": directory_entry(w).pk}
    ),
    "directory:my_entry_withdraw": Rule(
        frozenset({"trainee"}), method="POST", kwargs=lambda w: {"pk": directory_entry(w).pk}
    ),
    "directory:my_entry_delete": Rule(
        frozenset({"trainee"}), method="POST", kwargs=lambda w: {"pk": directory_entry(w).pk}
    ),
    "directory:my_entry_photo": Rule(frozenset({"trainee"}), kwargs=lambda w: {"pk": directory_entry(w).pk}),
    "directory:team_list": Rule(frozenset({"regional", "other_region", "national", "admin"})),
    # A draft: the national team reads published entries only.
    "directory:team_entry": Rule(DIRECTORY_REVIEWERS, kwargs=lambda w: {"pk": directory_entry(w).pk}),
    "directory:team_decision": Rule(
        frozenset({"regional", "admin"}), method="POST", kwargs=lambda w: {"pk": directory_entry(w).pk}
    ),
    "directory:team_photo": Rule(DIRECTORY_REVIEWERS, kwargs=lambda w: {"pk": directory_entry(w).pk}),
    "directory:public_list": Rule(EVERYONE),
    "directory:public_entry": Rule(EVERYONE, kwargs=lambda w: {"slug": directory_entry(w, published=True).slug}),
    "directory:public_photo": Rule(EVERYONE, kwargs=lambda w: {"slug": directory_entry(w, published=True).slug}),
    # --- intervention requests (partners, regional teams, the proposed peer) ----------------------
    "interventions:request_public": Rule(EVERYONE, note="public form, throttled per address"),
    "interventions:request_thanks": Rule(EVERYONE),
    "interventions:partner_feedback": Rule(
        EVERYONE, kwargs=lambda w: intervention(w, stage="done") and {"token": "jeton-de-test"}, note="tokenised link"
    ),
    "interventions:team_requests": Rule(REQUEST_READERS | {"other_region"}, note="each team its region's"),
    "interventions:request_create": Rule(frozenset({"regional", "other_region", "admin"})),
    "interventions:request_detail": Rule(REQUEST_READERS, kwargs=intervention_pk),
    "interventions:request_stage": Rule(
        PLAN_MANAGERS, method="POST", data={"action": "qualify"}, kwargs=lambda w: intervention_pk(w, stage="received")
    ),
    "interventions:request_erase_contact": Rule(
        PLAN_MANAGERS, method="POST", data={"erase-reason": "Demande de la personne"}, kwargs=intervention_pk
    ),
    "interventions:request_matching": Rule(PLAN_MANAGERS, kwargs=lambda w: intervention_pk(w, stage="matching")),
    "interventions:request_meeting": Rule(
        PLAN_MANAGERS, kwargs=lambda w: {**intervention_pk(w, stage="accepted"), "kind": "preparation"}
    ),
    "interventions:expense_decision": Rule(
        PLAN_MANAGERS, method="POST", data={"decision": "approve"}, kwargs=intervention_line
    ),
    "interventions:expense_receipt": Rule(REQUEST_READERS | {"trainee"}, kwargs=intervention_line, note="private file"),
    "interventions:expense_statement": Rule(REQUEST_READERS, kwargs=intervention_pk),
    "interventions:my_interventions": Rule(LOGGED_IN, note="one's own proposals only"),
    "interventions:my_proposal": Rule(frozenset({"trainee"}), kwargs=intervention_proposal),
    "interventions:my_answer": Rule(
        frozenset({"trainee"}),
        method="POST",
        data={"answer": "accept"},
        kwargs=lambda w: intervention_proposal(w, stage="proposed", proposal_status="proposed"),
    ),
    "interventions:my_feedback": Rule(
        frozenset({"trainee"}), method="POST", kwargs=lambda w: intervention_proposal(w, stage="done")
    ),
    "interventions:my_expense_add": Rule(frozenset({"trainee"}), kwargs=intervention_proposal),
    # --- calls for tenders (public, organisations, the regional and national teams) -----------------
    "tenders:public_calls": Rule(EVERYONE),
    "tenders:public_call": Rule(EVERYONE, kwargs=lambda w: {"pk": tender(w, stage="open")["call"].pk}),
    "tenders:public_call_ocds": Rule(
        EVERYONE, kwargs=lambda w: {"pk": tender(w, stage="open")["call"].pk}, note="OCDS open data; drafts 404"
    ),
    "tenders:register": Rule(EVERYONE, note="public form, throttled per address"),
    "tenders:register_thanks": Rule(EVERYONE),
    "tenders:specification": Rule(frozenset({"national", "admin"})),
    "tenders:specification_publish": Rule(frozenset({"national", "admin"}), method="POST"),
    "tenders:team_calls": Rule(TENDER_READERS | {"other_region"}, note="each team its region's"),
    "tenders:call_create": Rule(frozenset({"regional", "other_region", "admin"})),
    "tenders:call_manage": Rule(TENDER_READERS, kwargs=lambda w: {"pk": tender(w)["call"].pk}),
    "tenders:call_report": Rule(TENDER_READERS, kwargs=lambda w: {"pk": tender(w)["call"].pk}, note="PDF"),
    "tenders:call_publish": Rule(
        TENDER_TEAM, method="POST", kwargs=lambda w: {"pk": tender(w, stage="draft")["call"].pk}
    ),
    "tenders:call_abandon": Rule(TENDER_TEAM, kwargs=lambda w: {"pk": tender(w, stage="open")["call"].pk}),
    "tenders:call_compliance": Rule(TENDER_TEAM, method="POST", kwargs=lambda w: {"pk": tender(w)["call"].pk}),
    "tenders:call_declare": Rule(
        TENDER_TEAM, method="POST", data={"no_conflict": "on"}, kwargs=lambda w: {"pk": tender(w)["call"].pk}
    ),
    "tenders:lot_award": Rule(
        TENDER_TEAM, method="POST", kwargs=lambda w: (m := tender(w)) and {"pk": m["call"].pk, "lot_pk": m["lot"].pk}
    ),
    "tenders:bid_score": Rule(TENDER_TEAM, kwargs=lambda w: {"pk": tender(w)["bid"].pk}, note="after the deadline"),
    "tenders:bid_consolidate": Rule(
        TENDER_TEAM,
        kwargs=lambda w: {"pk": tender(w)["bid"].pk},
        note="the call's own region's team, after the deadline",
    ),
    "tenders:lot_sensitivity": Rule(
        TENDER_READERS, kwargs=lambda w: (m := tender(w)) and {"pk": m["call"].pk, "lot_pk": m["lot"].pk}
    ),
    "tenders:registration_decision": Rule(
        TENDER_TEAM, method="POST", data={"decision": "refuse"}, kwargs=tender_registration
    ),
    "tenders:ask_question": Rule(
        BIDDERS,
        method="POST",
        data={"text": "Une question"},
        kwargs=lambda w: {"pk": tender(w, stage="open")["call"].pk},
    ),
    "tenders:answer_question": Rule(TENDER_TEAM, method="POST", data={"answer": "Oui"}, kwargs=tender_question),
    "tenders:bid_form": Rule(
        BIDDERS, kwargs=lambda w: (m := tender(w, stage="open")) and {"pk": m["call"].pk, "lot_pk": m["lot"].pk}
    ),
    "tenders:my_bids": Rule(BIDDERS, note="one's own organisation's bids"),
    "tenders:my_bid": Rule(frozenset({"org_staff"}), kwargs=lambda w: {"pk": tender(w, stage="open")["bid"].pk}),
    "tenders:bid_withdraw": Rule(
        frozenset({"org_staff"}), method="POST", kwargs=lambda w: {"pk": tender(w, stage="open")["bid"].pk}
    ),
    "tenders:bid_letter": Rule(
        TENDER_READERS | {"org_staff"}, kwargs=lambda w: {"pk": tender(w, stage="awarded")["bid"].pk}, note="PDF"
    ),
    "tenders:bid_abandonment_letter": Rule(
        TENDER_READERS | {"org_staff"}, kwargs=lambda w: {"pk": tender(w, stage="abandoned")["bid"].pk}, note="PDF"
    ),
    # Tracking (issue 20): figures of one's reach; groups and a group's page not for funders; an export
    # is read by the person who asked for it only.
    "reporting:dashboard": Rule(DASHBOARD_READERS, note="each its reach; funder: aggregates of its regions"),
    "reporting:catalogue": Rule(DASHBOARD_READERS),
    "reporting:groups": Rule(DASHBOARD_READERS - {"funder"}),
    "reporting:group": Rule(frozenset({"regional", "org_staff", "national", "admin"}), kwargs=pk("group")),
    "reporting:export_start": Rule(DASHBOARD_READERS, method="POST", data={"format": "xlsx"}),
    "reporting:export_detail": Rule(frozenset({"regional"}), kwargs=reporting_export),
    "reporting:export_download": Rule(frozenset({"regional"}), kwargs=reporting_export, note="private file"),
    "reporting:reports": Rule(frozenset({"regional", "other_region", "national", "admin", "funder"})),
    "reporting:report": Rule(frozenset({"regional", "national", "admin", "funder"}), kwargs=funder_report),
    "reporting:report_pdf": Rule(frozenset({"regional", "national", "admin", "funder"}), kwargs=funder_report),
    "reporting:report_xlsx": Rule(frozenset({"regional", "national", "admin", "funder"}), kwargs=funder_report),
    "reporting:results_index": Rule(EVERYONE, note="public results (Qualiopi indicator 2)"),
    "reporting:results": Rule(EVERYONE, kwargs=lambda w: {"pk": w.course.pk}, note="aggregates, small counts hidden"),
    # The BPF worksheet of `group`'s organisation: its staff, the team of its groups' region, the
    # national team and administrators (404 for everyone else, funders included).
    "reporting:bpf": Rule(
        frozenset({"regional", "org_staff", "national", "admin"}),
        kwargs=lambda w: {"pk": w.group.organisation_id},
        note="exact figures: an official declaration",
    ),
    "reporting:bpf_xlsx": Rule(
        frozenset({"regional", "org_staff", "national", "admin"}), kwargs=lambda w: {"pk": w.group.organisation_id}
    ),
}

# Families of routes too many to list one by one: every route under the prefix follows the rule.
# The Wagtail admin checks its own per-model permissions inside; this rule checks that only staff
# roles get in at all (sample URLs, placeholder ids).
PREFIX_RULES: dict[str, Rule] = {
    "admin/": Rule(ADMIN_ROLES, note="Wagtail admin: staff roles only, anonymous sent to the login page"),
}
