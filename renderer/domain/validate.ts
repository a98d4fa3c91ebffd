/** Small validators shared by commands; read-side normalisation lives in schema.ts. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(time)) return false;
  // Date.parse accepts 2026-02-31 by rolling over; a real date survives the round trip.
  return new Date(time).toISOString().slice(0, 10) === value;
}
