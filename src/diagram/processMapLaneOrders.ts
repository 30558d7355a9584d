import type { ProcessMapPlan } from './processMapPlan.js';

/**
 * The roles' own order of lanes, and the (at most two) other orders in which the flows between
 * lanes pass the fewest lanes in between (each lane passed is a line crossed); found among all
 * orders for up to six lanes.
 *
 * @internal
 */
export function laneOrders(plan: ProcessMapPlan): ProcessMapPlan['lanes'][] {
  const lanes = plan.lanes;
  if (lanes.length < 3 || lanes.length > 6) return [lanes];
  const laneOfNode = new Map(plan.nodes.map((node) => [node.id, node.lane]));
  const between = plan.flows.map((flow) => [laneOfNode.get(flow.source)!, laneOfNode.get(flow.target)!] as const);
  const cost = (order: readonly ProcessMapPlan['lanes'][number][]) => {
    const position = new Map(order.map((lane, index) => [lane.role, index]));
    return between.reduce((sum, [from, to]) => sum + Math.abs(position.get(from)! - position.get(to)!), 0);
  };
  const orders: ProcessMapPlan['lanes'][number][][] = [];
  const permute = (done: ProcessMapPlan['lanes'][number][], rest: ProcessMapPlan['lanes'][number][]): void => {
    if (rest.length === 0) orders.push(done);
    rest.forEach((lane, index) => {
      permute([...done, lane], [...rest.slice(0, index), ...rest.slice(index + 1)]);
    });
  };
  permute([], [...lanes]);
  const others = orders
    .map((order) => ({ order, cost: cost(order) }))
    .sort((a, b) => a.cost - b.cost)
    .filter(({ order }) => order.some((lane, index) => lane !== lanes[index]))
    .slice(0, 2)
    .map(({ order }) => order);
  return [lanes, ...others];
}
