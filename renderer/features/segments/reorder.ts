/**
 * The (before, after) order values that place an item one step up or down, for the domain's
 * fractional `moveSegment`. Returns null when the item is already at that end.
 */
export function neighbourOrders(orders: readonly number[], index: number, direction: -1 | 1): [number, number] | null {
  const target = index + direction;
  if (index < 0 || index >= orders.length || target < 0 || target >= orders.length) return null;
  const near = orders[target] as number;
  const far = orders[target + direction];
  if (direction === -1) return [far ?? near - 1, near];
  return [near, far ?? near + 1];
}
