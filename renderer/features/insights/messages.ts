/**
 * Strings of the app-wide quick capture and of editing an insight's text, in English (the
 * reference shape; messages.nl.ts and messages.fi.ts must match it key for key).
 */
export const insightCaptureEn = {
  quickCapture: {
    intro: 'Ctrl+Shift+K from any screen. Works offline; colleagues get it when the plan next syncs.',
    plan: 'Plan',
    loadingPlans: 'Loading your plans…',
    plansFailed: 'Your plans could not be listed: {{reason}}',
    noPlansTitle: 'No plan to capture into yet',
    noPlansBody: 'Insights belong to a plan. Create your first plan, then press Ctrl+Shift+K again.',
    createPlan: 'Create a plan',
    savedTo: 'Insight saved to “{{plan}}”.',
    openInsight: 'Open',
    failed: 'Not saved to “{{plan}}”: {{reason}} What you typed is still here: try again, or pick another plan.',
  },
  insightEdit: {
    edit: 'Edit',
    editLabel: 'Edit what was said',
    textLabel: 'What was said',
    keysHint: 'Enter saves · Shift+Enter new line · Esc cancels',
    editedBy: 'Edited by {{name}}',
    someone: 'a colleague',
    changedMeanwhile: 'A colleague changed it meanwhile to: “{{text}}”',
  },
};

/** Spread into `error`. */
export const insightCaptureErrorsEn = {
  'insight/edit-conflict': 'A colleague changed the same words while you were editing. Their version is shown above; apply your change again.',
  'insight/save-failed': 'The insight could not be written to disk.',
  'insight/plan-unavailable': 'The plan could not be opened.',
  'insight/plan-unreadable': 'The plan could not be read from disk, so nothing was added to it.',
};
