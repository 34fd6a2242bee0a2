// The Appraisal form's Mentoring section template, loaded with frappe.require (see appraisal.js).
import "./templates/appraisal_mentoring.html";
