/** Badge colour per stage: neutral while drafting, blue/amber while testing, green when live. */
export function stageTone(stage: string): string {
  switch (stage) {
    case 'sales-review':
      return 'blue';
    case 'pilot':
      return 'amber';
    case 'rollout':
      return 'green';
    case 'evaluation':
      return 'violet';
    case 'stopped':
      return 'red';
    default:
      return 'neutral';
  }
}
