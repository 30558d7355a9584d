import type { Bounds } from './layoutBpmn.js';
import { laneOrders } from './processMapLaneOrders.js';
import type { MapNode, ProcessMapPlan } from './processMapPlan.js';

/**
 * The widest map that bpmn-js, fitted to a 1 920 px wide screen, still draws at 0.7 of its size,
 * a line of a task's name (12 px Arial) then about 10 px high on the screen; a layout wider than
 * that pays for each 10 px beyond it as for one more crossing, so that a map is read without zooming.
 */
const readableWidth = 2_700;

/**
 * What a map wider than `readableWidth` pays at once, as for this many crossings: a map whose task
 * names a person can read fitted to the screen beats one that crosses less but needs zooming (the
 * coordinator service: 2 422 px wide instead of 2 850).
 */
const tooWide = 1_000;

/** A point of a flow's route. @internal */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where everything of a process map is drawn, labels included. @internal */
export interface ProcessMapLayout {
  readonly pool: Bounds;
  readonly lanes: ReadonlyMap<string, Bounds>;
  readonly shapes: ReadonlyMap<string, Bounds>;
  /** The label of a gateway or an event, below it. */
  readonly shapeLabels: ReadonlyMap<string, Bounds>;
  readonly edges: ReadonlyMap<string, readonly Point[]>;
  readonly edgeLabels: ReadonlyMap<string, Bounds>;
}

const sizeOf = (node: MapNode): { width: number; height: number } =>
  node.kind === 'task' || node.kind === 'subprocess'
    ? { width: 100, height: 80 }
    : node.kind === 'start' || node.kind === 'end' || node.kind === 'state'
      ? { width: 36, height: 36 }
      : { width: 50, height: 50 };

/** bpmn-js draws an outside label (gateways, events, flows) 90 px wide, in 11 px Arial, wrapping at words. */
const labelWidth = 90;
const lineHeight = 14;
/** A generous average width of a character of 11 px Arial, so that the estimate is not smaller than the drawing. */
const characterWidth = 6.2;

/** The lines bpmn-js wraps a label into, estimated, and the box they take. @internal */
export function labelBoxOf(text: string): { width: number; height: number } {
  let lines = 0;
  let current = 0;
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    const width = word.length * characterWidth;
    if (current === 0 || current + characterWidth + width > labelWidth) {
      lines += Math.max(1, Math.ceil(width / labelWidth));
      current = width % labelWidth;
    } else {
      current += characterWidth + width;
    }
  }
  return { width: labelWidth, height: Math.max(1, lines) * lineHeight };
}

const hasOutsideLabel = (node: MapNode) => node.kind !== 'task' && node.kind !== 'subprocess' && node.name !== undefined;

/** One place in a layer: a node, or a bend of a flow that passes the layer. */
interface Item {
  readonly id: string;
  readonly node: MapNode | undefined;
  readonly lane: number;
  readonly layer: number;
  readonly width: number;
  /** Room needed above and below the item's line (the y flows enter and leave it at). */
  above: number;
  below: number;
  order: number;
  y: number;
}

/** A flow as the layout sees it: a chain of items from layer to layer, left to right. */
interface Chain {
  readonly flow: ProcessMapPlan['flows'][number];
  readonly items: Item[];
  /** The flow runs right to left (it closes a loop): it is laid out reversed and drawn back. */
  readonly reversed: boolean;
  /** For a reversed chain: the level above each end node its route runs at. */
  startLevel: number;
  endLevel: number;
}

const laneGap = 24;
/** The narrowest gap between two layers, and the room between two vertical runs in a gap. */
const minimumGap = 28;
const trackStep = 5;
/** Room between two nodes in a layer; bends of flows that pass a layer need less, between each other least. */
const itemGap = 22;
const bendGap = 12;
const bendsGap = 6;
const portLevel = 10;
const portStep = 8;

/**
 * Lays out a process map as a layered drawing in lanes (a Sugiyama-style layout of its own, so
 * that lanes, loops and labels are placed on purpose): flows that close a loop are turned around
 * (those depth-first from the start, in the machine's order, or those that lead no step further
 * from the start than their source, breadth-first), each node gets the layer of its longest
 * way from the start, and a flow that passes layers gets a bend in each; within each lane the
 * order in a layer is swept by barycentres, and of the depth-first order and each sweep's the one
 * whose drawing has the fewest crossings is kept; lines follow their predecessors
 * where there is room; flows are routed orthogonally through the gaps between layers, each
 * vertical run on its own track. A guard's label sits just after its gateway on a bend of its
 * own, so no two labels share a place; a loop leaves and enters its nodes from the top.
 *
 * @internal
 */
export function layoutProcessMap(plan: ProcessMapPlan): ProcessMapLayout {
  return scoredLayoutOf(plan).layout;
}

/** What a layout wider than `readableWidth` pays, as for so many crossings. */
const widthCost = (layout: ProcessMapLayout) => {
  const over = layout.pool.width - readableWidth;
  return over > 0 ? tooWide + over / 10 : 0;
};

/**
 * The layout `layoutProcessMap` chooses and what it weighs (crossings, a little of the height, and
 * a width too great to read fitted to a screen), so that two plans of one map can be compared.
 *
 * @internal
 */
export function scoredLayoutOf(plan: ProcessMapPlan): { layout: ProcessMapLayout; score: number } {
  // A flow that changes lanes may bend in its source's lane (and change lanes at its end) or in its
  // target's (and change at its start); which crosses less depends on the path, so both are drawn,
  // each with the roles' order and with the lane orders that keep flows between lanes shortest.
  // Loops found depth-first draw the states one after another, in a row as long as the longest way
  // through the path; found breadth-first, states as far from the start side by side, in a
  // narrower map with more loops drawn back. Of all of them, the one with the fewest crossings
  // that still reads fitted to a screen's width wins.
  let best: { layout: ProcessMapLayout; score: number } | undefined;
  for (const loops of ['depthFirst', 'breadthFirst'] as const) {
    for (const lanes of laneOrders(plan)) {
      for (const bendLane of ['source', 'target'] as const) {
        const drawn = layoutWith({ ...plan, lanes }, bendLane, loops);
        const score = drawn.score + widthCost(drawn.layout);
        if (!best || score < best.score) best = { layout: drawn.layout, score };
      }
    }
  }
  return best!;
}

function layoutWith(
  plan: ProcessMapPlan,
  bendLane: 'source' | 'target',
  loops: 'depthFirst' | 'breadthFirst',
): { layout: ProcessMapLayout; score: number } {
  const laneIndex = new Map(plan.lanes.map((lane, index) => [lane.role, index]));
  const outgoing = new Map<string, ProcessMapPlan['flows'][number][]>();
  for (const flow of plan.flows) outgoing.set(flow.source, [...(outgoing.get(flow.source) ?? []), flow]);

  // Loops: a flow to a node still on the depth-first stack closes one.
  const reversed = new Set<string>();
  const visited = new Set<string>();
  const onStack = new Set<string>();
  const discovery: string[] = [];
  const visit = (id: string): void => {
    visited.add(id);
    onStack.add(id);
    discovery.push(id);
    for (const flow of outgoing.get(id) ?? []) {
      if (onStack.has(flow.target)) reversed.add(flow.id);
      else if (!visited.has(flow.target)) visit(flow.target);
    }
    onStack.delete(id);
  };
  for (const node of plan.nodes) if (!visited.has(node.id)) visit(node.id);
  if (loops === 'breadthFirst') {
    // A flow closes a loop when it does not lead one step further from the start.
    const distance = new Map<string, number>();
    // From the starts (nodes nothing leads to; a sub-process's start comes last in its plan) first.
    const targets = new Set(plan.flows.map((flow) => flow.target));
    const roots = [...plan.nodes.filter((node) => !targets.has(node.id)), ...plan.nodes];
    for (const node of roots) {
      if (distance.has(node.id)) continue;
      distance.set(node.id, 0);
      const queue = [node.id];
      for (let head = 0; head < queue.length; head++) {
        const id = queue[head]!;
        for (const flow of outgoing.get(id) ?? []) {
          if (distance.has(flow.target)) continue;
          distance.set(flow.target, distance.get(id)! + 1);
          queue.push(flow.target);
        }
      }
    }
    reversed.clear();
    for (const flow of plan.flows) if (distance.get(flow.target)! !== distance.get(flow.source)! + 1) reversed.add(flow.id);
  }

  // Layers: the longest way from the start; a labelled flow spans two layers, so that its label
  // has a bend of its own to sit at.
  const layer = new Map<string, number>(plan.nodes.map((node) => [node.id, 0]));
  const forward = plan.flows.map((flow) =>
    reversed.has(flow.id)
      ? { from: flow.target, to: flow.source, span: 1 }
      : { from: flow.source, to: flow.target, span: flow.name && !reversed.has(flow.id) ? 2 : 1 },
  );
  for (let round = 0; round < plan.nodes.length; round++) {
    let changed = false;
    for (const edge of forward) {
      const wanted = layer.get(edge.from)! + edge.span;
      if (wanted > layer.get(edge.to)!) {
        layer.set(edge.to, wanted);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const items: Item[] = [];
  const itemOf = new Map<string, Item>();
  const discoveryIndex = new Map(discovery.map((id, index) => [id, index]));
  for (const node of plan.nodes) {
    const size = sizeOf(node);
    const label = hasOutsideLabel(node) ? labelBoxOf(node.name!).height + 4 : 0;
    const item: Item = {
      id: node.id,
      node,
      lane: laneIndex.get(node.lane) ?? 0,
      layer: layer.get(node.id)!,
      width: hasOutsideLabel(node) ? Math.max(size.width, labelWidth) : size.width,
      above: size.height / 2,
      below: size.height / 2 + label,
      order: discoveryIndex.get(node.id) ?? 0,
      y: 0,
    };
    items.push(item);
    itemOf.set(node.id, item);
  }
  const chains: Chain[] = plan.flows.map((flow) => {
    const isReversed = reversed.has(flow.id);
    const from = itemOf.get(isReversed ? flow.target : flow.source)!;
    const to = itemOf.get(isReversed ? flow.source : flow.target)!;
    const chain: Item[] = [from];
    const laneOfBends = itemOf.get(bendLane === 'source' ? flow.source : flow.target)!.lane;
    for (let at = from.layer + 1; at < to.layer; at++) {
      const bend: Item = {
        id: `${flow.id}@${at}`,
        node: undefined,
        lane: laneOfBends,
        layer: at,
        width: 0,
        above: 4,
        below: 4,
        order: from.order,
        y: 0,
      };
      // The first bend after a gateway carries the flow's label, above its line.
      if (at === from.layer + 1 && flow.name && !isReversed) bend.above = labelBoxOf(flow.name).height + 6;
      items.push(bend);
      chain.push(bend);
    }
    chain.push(to);
    return { flow, items: chain, reversed: isReversed, startLevel: 0, endLevel: 0 };
  });

  // Order within layers: barycentre sweeps, lane by lane, keeping the order with fewest crossings.
  const layerCount = Math.max(0, ...items.map((item) => item.layer)) + 1;
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  for (const item of items) layers[item.layer]!.push(item);
  const neighbours = new Map<Item, { left: Item[]; right: Item[] }>(items.map((item) => [item, { left: [], right: [] }]));
  for (const chain of chains) {
    for (let index = 1; index < chain.items.length; index++) {
      neighbours.get(chain.items[index]!)!.left.push(chain.items[index - 1]!);
      neighbours.get(chain.items[index - 1]!)!.right.push(chain.items[index]!);
    }
  }
  const sortLayer = (list: Item[], key: (item: Item) => number) => {
    const keys = new Map(list.map((item) => [item, key(item)]));
    list.sort((a, b) => a.lane - b.lane || keys.get(a)! - keys.get(b)! || a.order - b.order);
    list.forEach((item, index) => {
      item.order = index;
    });
  };
  for (const list of layers) sortLayer(list, (item) => item.order);
  const barycentre = (item: Item, side: 'left' | 'right') => {
    const list = neighbours.get(item)![side];
    return list.length === 0 ? item.order : list.reduce((sum, other) => sum + other.order, 0) / list.length;
  };
  const median = (item: Item, side: 'left' | 'right') => {
    const list = neighbours
      .get(item)!
      [side].map((other) => other.order)
      .sort((a, b) => a - b);
    if (list.length === 0) return item.order;
    const middle = Math.floor(list.length / 2);
    return list.length % 2 === 1 ? list[middle]! : (list[middle - 1]! + list[middle]!) / 2;
  };
  // How many of their flows cross when `first` is placed just above `second`, on both sides.
  const pairCrossings = (first: Item, second: Item) => {
    let count = 0;
    for (const side of ['left', 'right'] as const) {
      for (const a of neighbours.get(first)![side]) for (const b of neighbours.get(second)![side]) if (a.order > b.order) count++;
    }
    return count;
  };
  // After a sweep, neighbours in a layer (of one lane) trade places while that makes fewer crossings.
  const transpose = () => {
    for (let round = 0; round < 6; round++) {
      let improved = false;
      for (const list of layers) {
        for (let index = 0; index + 1 < list.length; index++) {
          const first = list[index]!;
          const second = list[index + 1]!;
          if (first.lane !== second.lane || pairCrossings(second, first) >= pairCrossings(first, second)) continue;
          list[index] = second;
          list[index + 1] = first;
          second.order = index;
          first.order = index + 1;
          improved = true;
        }
      }
      if (!improved) break;
    }
  };
  const snapshot = () => new Map(items.map((item) => [item, item.order]));
  // Candidate orders: the depth-first order and each sweep's, by barycentres and by medians, each
  // sweep followed by transposing neighbours; the one drawn with the fewest crossings (counted on
  // the routes, with a little weight on height) is kept.
  const depthFirst = snapshot();
  const candidates: Map<Item, number>[] = [depthFirst];
  // A loop's way back may also run along the top of its lane, above everything the loop passes
  // (the outer loop highest), so that it crosses no flow of the lane it runs in.
  const loopBack = new Map<Item, number>();
  for (const chain of chains) {
    if (!chain.reversed) continue;
    const span = chain.items[chain.items.length - 1]!.layer - chain.items[0]!.layer;
    for (const bend of chain.items.slice(1, -1)) loopBack.set(bend, span);
  }
  const loopsOnTop = () => {
    for (const list of layers) sortLayer(list, (item) => (loopBack.has(item) ? -1000 - loopBack.get(item)! : item.order));
  };
  for (const [key, transposing, onTop] of [
    [barycentre, false, false],
    [barycentre, true, false],
    [median, true, false],
    [barycentre, true, true],
  ] as const) {
    for (const item of items) item.order = depthFirst.get(item)!;
    for (const list of layers) list.sort((a, b) => a.order - b.order);
    for (let sweep = 0; sweep < 12; sweep++) {
      if (sweep % 2 === 0) for (const list of layers.slice(1)) sortLayer(list, (item) => key(item, 'left'));
      else for (const list of layers.slice(0, -1).reverse()) sortLayer(list, (item) => key(item, 'right'));
      if (transposing) transpose();
      if (onTop) loopsOnTop();
      candidates.push(snapshot());
    }
  }
  const base = new Map(items.map((item) => [item, { above: item.above, below: item.below }]));
  let chosen: { layout: ProcessMapLayout; score: number } | undefined;
  for (const candidate of candidates) {
    for (const item of items) {
      item.order = candidate.get(item)!;
      item.above = base.get(item)!.above;
      item.below = base.get(item)!.below;
      item.y = 0;
    }
    for (const list of layers) list.sort((a, b) => a.order - b.order);
    const layout = draw();
    const score = countRouteCrossings([...layout.edges.values()]) + layout.pool.height / 50;
    if (!chosen || score < chosen.score) chosen = { layout, score };
  }
  return chosen!;

  function draw(): ProcessMapLayout {
    // Reversed chains leave and enter their end nodes from above, each at a level of its own.
    const levelsUsed = new Map<string, number>();
    const nextLevel = (key: string) => {
      const level = levelsUsed.get(key) ?? 0;
      levelsUsed.set(key, level + 1);
      return level;
    };
    for (const chain of chains) {
      if (!chain.reversed) continue;
      chain.startLevel = nextLevel(`out:${chain.items[0]!.id}`);
      chain.endLevel = nextLevel(`in:${chain.items[chain.items.length - 1]!.id}`);
    }
    for (const item of items) {
      if (!item.node) continue;
      const levels = Math.max(levelsUsed.get(`out:${item.id}`) ?? 0, levelsUsed.get(`in:${item.id}`) ?? 0);
      const height = sizeOf(item.node).height;
      if (levels > 0) item.above = Math.max(item.above, height / 2 + portLevel + (levels - 1) * portStep + 4);
    }
    // The label of a loop back from a gateway ("refused") sits above the gateway, over its levels.
    const loopLabels = new Map<string, number>();
    for (const chain of chains) {
      if (!chain.reversed || !chain.flow.name) continue;
      const end = chain.items[chain.items.length - 1]!;
      const height = labelBoxOf(chain.flow.name).height;
      loopLabels.set(chain.flow.id, end.above);
      end.above += height + 4;
    }

    // Lines: within each lane, stacked from the top, each placed at its predecessors' line when there is room.
    const laneHeights = plan.lanes.map(() => 0);
    for (const list of layers) {
      const lastBottom = new Map<number, number>();
      const lastItem = new Map<number, Item>();
      for (const item of list) {
        const above = lastItem.get(item.lane);
        const gap = above === undefined ? 0 : above.node && item.node ? itemGap : above.node || item.node ? bendGap : bendsGap;
        const top = lastBottom.has(item.lane) ? lastBottom.get(item.lane)! + gap : laneGap;
        const minimum = top + item.above;
        // A straight run where the item continues one predecessor (a chain, or the first of a fan);
        // elsewhere as high as there is room, so that a fan does not push what follows down a staircase.
        const predecessors = neighbours.get(item)!.left.filter((other) => other.lane === item.lane && other.layer === item.layer - 1);
        const [only] = predecessors;
        const continues =
          predecessors.length === 1 &&
          only !== undefined &&
          neighbours
            .get(only)!
            .right.filter((next) => next.layer === only.layer + 1)
            .sort((a, b) => a.order - b.order)[0] === item;
        const wanted = continues ? only.y : minimum;
        item.y = Math.round(Math.max(minimum, wanted));
        lastBottom.set(item.lane, item.y + item.below);
        lastItem.set(item.lane, item);
        laneHeights[item.lane] = Math.max(laneHeights[item.lane]!, item.y + item.below + laneGap);
      }
    }

    // Lanes from top to bottom; every line's y is absolute from here on.
    const laneTop: number[] = [];
    let top = 0;
    for (const height of laneHeights) {
      laneTop.push(top);
      top += Math.max(80, height);
    }
    const lineY = (item: Item) => laneTop[item.lane]! + item.y;
    const heightOf = (item: Item) => (item.node ? sizeOf(item.node).height : 0);
    const levelY = (item: Item, level: number) => lineY(item) - heightOf(item) / 2 - portLevel - level * portStep;
    /** The y a chain's hop into its item ends at, and the y its hop out of its first item starts at. */
    const hopEndY = (chain: Chain, index: number) => {
      const item = chain.items[index]!;
      return chain.reversed && index === chain.items.length - 1 ? levelY(item, chain.endLevel) : lineY(item);
    };
    const hopStartY = (chain: Chain, index: number) =>
      chain.reversed && index === 0 ? levelY(chain.items[0]!, chain.startLevel) : lineY(chain.items[index]!);

    // Columns and the gaps between them: each gap as wide as its tracks and labels need.
    // Vertical runs: the flows out of one point (a fan) share one trunk, and so do the flows into
    // one point (a join); each trunk gets a track of its own in its gap, in an order that does not
    // make flows cross (a run down from higher up further right, a run up from higher up further left).
    interface Run {
      readonly gap: number;
      readonly from: number;
      readonly to: number;
      readonly key: string;
      readonly trunk: string;
    }
    const runs: Run[] = [];
    const fanOut = (item: Item) => neighbours.get(item)!.right.filter((next) => next.layer === item.layer + 1).length > 1;
    const fanIn = (item: Item) => neighbours.get(item)!.left.filter((before) => before.layer === item.layer - 1).length > 1;
    for (const chain of chains) {
      for (let index = 0; index + 1 < chain.items.length; index++) {
        const source = chain.items[index]!;
        const target = chain.items[index + 1]!;
        const from = hopStartY(chain, index);
        const to = hopEndY(chain, index + 1);
        const key = `${chain.flow.id}#${index}`;
        const trunk = fanOut(source) ? `out:${source.id}:${from}` : fanIn(target) ? `in:${target.id}:${to}` : key;
        runs.push({ gap: source.layer, from, to, key, trunk });
      }
    }
    const trackOf = new Map<string, number>();
    const tracksInGap = new Map<number, number>();
    for (let gap = 0; gap < layerCount; gap++) {
      const trunks = new Map<string, { low: number; high: number; start: number; down: number }>();
      for (const run of runs) {
        if (run.gap !== gap || run.from === run.to) continue;
        const trunk = trunks.get(run.trunk) ?? { low: Number.POSITIVE_INFINITY, high: Number.NEGATIVE_INFINITY, start: 0, down: 0 };
        trunk.low = Math.min(trunk.low, run.from, run.to);
        trunk.high = Math.max(trunk.high, run.from, run.to);
        trunk.start = run.trunk.startsWith('in:') ? run.to : run.from;
        trunk.down += (run.to > run.from ? 1 : -1) * (run.trunk.startsWith('in:') ? -1 : 1);
        trunks.set(run.trunk, trunk);
      }
      const ordered = [...trunks.entries()].sort(([, a], [, b]) => {
        const aDown = a.down > 0;
        const bDown = b.down > 0;
        if (aDown !== bDown) return aDown ? 1 : -1;
        return aDown ? b.start - a.start : a.start - b.start;
      });
      const placed: { low: number; high: number; track: number }[] = [];
      let tracks = 0;
      for (const [name, trunk] of ordered) {
        const track = placed
          .filter((other) => other.low <= trunk.high + 6 && trunk.low <= other.high + 6)
          .reduce((most, other) => Math.max(most, other.track + 1), 0);
        placed.push({ low: trunk.low, high: trunk.high, track });
        tracks = Math.max(tracks, track + 1);
        trackOf.set(`${gap}:${name}`, track);
      }
      tracksInGap.set(gap, tracks);
    }
    const trackOfRun = new Map(runs.map((run) => [run.key, trackOf.get(`${run.gap}:${run.trunk}`) ?? 0]));
    // A branch's label sits in its gateway's gap right of the tracks whose vertical runs pass its
    // height (its own trunk's among them); tracks that run only above or below it may pass under
    // it, so a gap with many loops in it need not be as wide as its tracks and the label together.
    const labelledGap = new Set<number>();
    const labelTracks = new Map<string, number>();
    for (const chain of chains) {
      if (!chain.flow.name || chain.reversed) continue;
      const gap = chain.items[0]!.layer;
      labelledGap.add(gap);
      const bottom = lineY(chain.items[1]!) - 2;
      const top = bottom - labelBoxOf(chain.flow.name).height;
      const passing = runs.filter(
        (run) =>
          run.gap === gap && run.from !== run.to && Math.min(run.from, run.to) <= bottom + 6 && top - 6 <= Math.max(run.from, run.to),
      );
      labelTracks.set(chain.flow.id, Math.max(0, ...passing.map((run) => (trackOfRun.get(run.key) ?? 0) + 1)));
    }
    const labelRoom = new Map<number, number>();
    for (const [flow, tracks] of labelTracks) {
      const gap = chains.find((chain) => chain.flow.id === flow)!.items[0]!.layer;
      labelRoom.set(gap, Math.max(labelRoom.get(gap) ?? 0, 14 + tracks * trackStep + labelWidth + 12));
    }
    const laneLabelWidth = 30;
    const columnLeft: number[] = [];
    const columnWidth: number[] = [];
    const gapLeft: number[] = [];
    let x = laneLabelWidth + 20;
    for (let at = 0; at < layerCount; at++) {
      columnLeft.push(x);
      const width = Math.max(10, ...layers[at]!.map((item) => item.width));
      columnWidth.push(width);
      x += width;
      gapLeft.push(x);
      const tracks = tracksInGap.get(at) ?? 0;
      x += Math.max(minimumGap, 14 + tracks * trackStep + 12, labelRoom.get(at) ?? 0);
    }
    const trackX = (gap: number, track: number) => gapLeft[gap]! + 10 + track * trackStep;
    const labelX = (gap: number, flow: string) => gapLeft[gap]! + 10 + (labelTracks.get(flow) ?? 0) * trackStep + 4;

    const width = x + 20;
    const lanes = new Map<string, Bounds>();
    plan.lanes.forEach((lane, index) => {
      lanes.set(lane.id, {
        x: laneLabelWidth,
        y: laneTop[index]!,
        width: width - laneLabelWidth,
        height: Math.max(80, laneHeights[index]!),
      });
    });
    const shapes = new Map<string, Bounds>();
    const shapeLabels = new Map<string, Bounds>();
    const centreX = (item: Item) => columnLeft[item.layer]! + columnWidth[item.layer]! / 2;
    for (const item of items) {
      if (!item.node) continue;
      const size = sizeOf(item.node);
      const shape = { x: Math.round(centreX(item) - size.width / 2), y: Math.round(lineY(item) - size.height / 2), ...size };
      shapes.set(item.id, shape);
      if (hasOutsideLabel(item.node)) {
        const box = labelBoxOf(item.node.name!);
        shapeLabels.set(item.id, { x: Math.round(centreX(item) - box.width / 2), y: shape.y + shape.height + 4, ...box });
      }
    }

    // Routes: left to right through each chain, then turned back for a reversed one.
    const edges = new Map<string, Point[]>();
    const edgeLabels = new Map<string, Bounds>();
    for (const chain of chains) {
      const points: Point[] = [];
      const first = chain.items[0]!;
      const last = chain.items[chain.items.length - 1]!;
      const rightOf = (item: Item): number =>
        item.node ? shapes.get(item.id)!.x + shapes.get(item.id)!.width : columnLeft[item.layer]! + columnWidth[item.layer]!;
      const leftOf = (item: Item): number => (item.node ? shapes.get(item.id)!.x : columnLeft[item.layer]!);
      let y: number;
      if (chain.reversed) {
        const shape = shapes.get(first.id)!;
        const portX = Math.round(shape.x + shape.width / 2 - chain.startLevel * 6);
        y = levelY(first, chain.startLevel);
        points.push({ x: portX, y: shape.y }, { x: portX, y });
        points.push({ x: columnLeft[first.layer]! + columnWidth[first.layer]!, y });
      } else {
        y = lineY(first);
        points.push({ x: rightOf(first), y });
      }
      chain.items.slice(1).forEach((item, index) => {
        const isLast = index === chain.items.length - 2;
        const targetY = hopEndY(chain, index + 1);
        const gap = chain.items[index]!.layer;
        if (targetY !== y) {
          const track = trackX(gap, trackOfRun.get(`${chain.flow.id}#${index}`) ?? 0);
          points.push({ x: track, y }, { x: track, y: targetY });
        }
        y = targetY;
        if (isLast && chain.reversed) {
          const shape = shapes.get(item.id)!;
          const portX = Math.round(shape.x + shape.width / 2 + chain.endLevel * 6);
          points.push({ x: portX, y }, { x: portX, y: shape.y });
        } else {
          points.push({ x: leftOf(item), y });
          if (!item.node) points.push({ x: rightOf(item), y });
        }
        if (index === 0 && chain.flow.name && !chain.reversed) {
          const box = labelBoxOf(chain.flow.name);
          edgeLabels.set(chain.flow.id, { x: labelX(gap, chain.flow.id), y: lineY(item) - box.height - 2, ...box });
        }
      });
      if (chain.reversed && chain.flow.name) {
        const box = labelBoxOf(chain.flow.name);
        const shape = shapes.get(last.id)!;
        edgeLabels.set(chain.flow.id, {
          x: Math.round(shape.x + shape.width / 2 - box.width / 2),
          y: Math.round(lineY(last) - loopLabels.get(chain.flow.id)! - box.height - 2),
          ...box,
        });
      }
      const route = withoutStraightPoints(points);
      edges.set(chain.flow.id, chain.reversed ? route.reverse() : route);
    }
    const pool: Bounds = { x: 0, y: 0, width, height: top };
    return { pool, lanes, shapes, shapeLabels, edges, edgeLabels };
  }
}

/** How many times two different routes cross away from their ends (runs that share a trunk do not cross). @internal */
export function countRouteCrossings(routes: readonly (readonly Point[])[]): number {
  const segments = routes.flatMap((route, id) => route.slice(1).map((point, index) => ({ id, a: route[index]!, b: point })));
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const first = segments[i]!;
    for (let j = i + 1; j < segments.length; j++) {
      const second = segments[j]!;
      if (first.id === second.id) continue;
      const d = (first.b.x - first.a.x) * (second.b.y - second.a.y) - (first.b.y - first.a.y) * (second.b.x - second.a.x);
      if (d === 0) continue;
      const t = ((second.a.x - first.a.x) * (second.b.y - second.a.y) - (second.a.y - first.a.y) * (second.b.x - second.a.x)) / d;
      const u = ((second.a.x - first.a.x) * (first.b.y - first.a.y) - (second.a.y - first.a.y) * (first.b.x - first.a.x)) / d;
      if (t > 1e-9 && t < 1 - 1e-9 && u > 1e-9 && u < 1 - 1e-9) count++;
    }
  }
  return count;
}

/** A route without repeated points and without points in the middle of a straight run. */
function withoutStraightPoints(points: readonly Point[]): Point[] {
  const result: Point[] = [];
  for (const point of points) {
    const last = result[result.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    const before = result[result.length - 2];
    if (before && last && ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y))) result.pop();
    result.push(point);
  }
  return result;
}
