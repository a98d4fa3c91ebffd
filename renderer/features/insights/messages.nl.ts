import type { insightCaptureEn, insightCaptureErrorsEn } from './messages';

export const insightCaptureNl: typeof insightCaptureEn = {
  quickCapture: {
    intro: 'Ctrl+Shift+K vanuit elk scherm. Werkt offline; collega’s krijgen het zodra het plan weer synchroniseert.',
    plan: 'Plan',
    loadingPlans: 'Je plannen worden geladen…',
    plansFailed: 'Je plannen konden niet worden opgehaald: {{reason}}',
    noPlansTitle: 'Nog geen plan om in vast te leggen',
    noPlansBody: 'Inzichten horen bij een plan. Maak je eerste plan en druk dan opnieuw op Ctrl+Shift+K.',
    createPlan: 'Plan maken',
    savedTo: 'Inzicht opgeslagen in “{{plan}}”.',
    openInsight: 'Openen',
    failed: 'Niet opgeslagen in “{{plan}}”: {{reason}} Wat je typte staat er nog: probeer het opnieuw of kies een ander plan.',
  },
  insightEdit: {
    edit: 'Bewerken',
    editLabel: 'Bewerk wat er gezegd werd',
    textLabel: 'Wat er gezegd werd',
    keysHint: 'Enter slaat op · Shift+Enter nieuwe regel · Esc annuleert',
    editedBy: 'Bewerkt door {{name}}',
    someone: 'een collega',
    changedMeanwhile: 'Een collega heeft het intussen gewijzigd in: “{{text}}”',
  },
};

export const insightCaptureErrorsNl: typeof insightCaptureErrorsEn = {
  'insight/edit-conflict': 'Een collega wijzigde dezelfde woorden terwijl jij bewerkte. Hun versie staat erboven; breng je wijziging opnieuw aan.',
  'insight/save-failed': 'Het inzicht kon niet op schijf worden opgeslagen.',
  'insight/plan-unavailable': 'Het plan kon niet worden geopend.',
  'insight/plan-unreadable': 'Het plan kon niet van schijf worden gelezen, dus er is niets aan toegevoegd.',
};
