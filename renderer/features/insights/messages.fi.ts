import type { insightCaptureEn, insightCaptureErrorsEn } from './messages';

export const insightCaptureFi: typeof insightCaptureEn = {
  quickCapture: {
    intro: 'Ctrl+Shift+K missä tahansa näkymässä. Toimii ilman verkkoa; kollegat saavat sen, kun suunnitelma seuraavan kerran synkronoituu.',
    plan: 'Suunnitelma',
    loadingPlans: 'Ladataan suunnitelmiasi…',
    plansFailed: 'Suunnitelmiasi ei voitu listata: {{reason}}',
    noPlansTitle: 'Ei vielä suunnitelmaa, johon havainnon voisi tallentaa',
    noPlansBody: 'Havainnot kuuluvat suunnitelmaan. Luo ensimmäinen suunnitelmasi ja paina sitten uudelleen Ctrl+Shift+K.',
    createPlan: 'Luo suunnitelma',
    savedTo: 'Havainto tallennettu suunnitelmaan ”{{plan}}”.',
    openInsight: 'Avaa',
    failed: 'Ei tallennettu suunnitelmaan ”{{plan}}”: {{reason}} Kirjoittamasi teksti on tallella: yritä uudelleen tai valitse toinen suunnitelma.',
  },
  insightEdit: {
    edit: 'Muokkaa',
    editLabel: 'Muokkaa sitä, mitä sanottiin',
    textLabel: 'Mitä sanottiin',
    keysHint: 'Enter tallentaa · Shift+Enter uusi rivi · Esc peruuttaa',
    editedBy: 'Muokannut {{name}}',
    someone: 'kollega',
    changedMeanwhile: 'Kollega muutti sen sillä välin muotoon: ”{{text}}”',
  },
};

export const insightCaptureErrorsFi: typeof insightCaptureErrorsEn = {
  'insight/edit-conflict': 'Kollega muutti samoja sanoja muokatessasi. Hänen versionsa näkyy yllä; tee muutoksesi uudelleen.',
  'insight/save-failed': 'Havaintoa ei voitu tallentaa levylle.',
  'insight/plan-unavailable': 'Suunnitelmaa ei voitu avata.',
  'insight/plan-unreadable': 'Suunnitelmaa ei voitu lukea levyltä, joten siihen ei lisätty mitään.',
};
