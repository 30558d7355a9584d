/** The part of elkjs's API the diagrams use. @internal */
export interface ElkLayoutEngine {
  layout(graph: ElkGraphInput): Promise<ElkGraphOutput>;
}

/** An ELK graph as elkjs takes it (JSON). @internal */
export interface ElkGraphInput {
  readonly id: string;
  readonly layoutOptions?: Readonly<Record<string, string>>;
  readonly width?: number;
  readonly height?: number;
  readonly labels?: readonly { readonly text: string; readonly width: number; readonly height: number }[];
  readonly children?: readonly ElkGraphInput[];
  readonly edges?: readonly {
    readonly id: string;
    readonly sources: readonly string[];
    readonly targets: readonly string[];
    readonly labels?: readonly { readonly text: string; readonly width: number; readonly height: number }[];
  }[];
}

/** An ELK graph as elkjs returns it, laid out. @internal */
export interface ElkGraphOutput {
  readonly id: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly children?: readonly ElkGraphOutput[];
  readonly edges?: readonly {
    readonly id: string;
    readonly sections?: readonly { readonly startPoint: Point; readonly endPoint: Point; readonly bendPoints?: readonly Point[] }[];
    readonly labels?: readonly {
      readonly text: string;
      readonly x?: number;
      readonly y?: number;
      readonly width?: number;
      readonly height?: number;
    }[];
  }[];
}

interface Point {
  readonly x: number;
  readonly y: number;
}

let elk: Promise<ElkLayoutEngine> | undefined;

/**
 * elkjs, loaded when a layout is first needed and kept: only `toBpmn` loads it. elkjs is
 * CommonJS, and bundlers and test runners wrap its default export differently,
 * so the `default` chain is unwrapped to its constructor.
 *
 * @internal
 */
export function loadElk(): Promise<ElkLayoutEngine> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module: unknown) => {
    let current = module;
    for (let depth = 0; depth < 3 && typeof current !== 'function'; depth++) current = (current as { default?: unknown } | null)?.default;
    if (typeof current !== 'function') throw new Error("kykypolku: elkjs did not load as expected; reinstall kykypolku's dependencies");
    return new (current as new () => ElkLayoutEngine)();
  });
  return elk;
}
