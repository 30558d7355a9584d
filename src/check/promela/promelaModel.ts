/**
 * A small typed model of the Promela the exporter writes: one process that loops forever, each
 * iteration one atomic step (choose an input, take the machine's transition, check the rules,
 * reset the scratch variables). Built by `toPromela`, written out by `serializePromela`, the one
 * place that formats and escapes.
 *
 * @internal
 */
export type PromelaExpr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'equals'; readonly left: PromelaExpr; readonly right: PromelaExpr }
  | { readonly kind: 'not'; readonly operand: PromelaExpr }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly PromelaExpr[] }
  /** `(test -> then : otherwise)` */
  | { readonly kind: 'choose'; readonly test: PromelaExpr; readonly then: PromelaExpr; readonly otherwise: PromelaExpr };

/** @internal */
export type PromelaStatement =
  | { readonly kind: 'assign'; readonly name: string; readonly value: PromelaExpr }
  | { readonly kind: 'if'; readonly options: readonly PromelaOption[] }
  | { readonly kind: 'printf'; readonly text: string }
  | { readonly kind: 'assert'; readonly condition: PromelaExpr }
  | { readonly kind: 'comment'; readonly text: string };

/** One option of an `if`: a guard (or `else`) and what follows it. @internal */
export interface PromelaOption {
  readonly guard: PromelaExpr | 'else';
  readonly body: readonly PromelaStatement[];
}

/** @internal */
export interface PromelaDefine {
  readonly name: string;
  readonly value: number;
  readonly comment?: string;
}

/** @internal */
export interface PromelaVariable {
  readonly name: string;
  readonly type: 'bit' | 'byte' | 'short';
  readonly initial: number;
  readonly comment?: string;
}

/** @internal */
export interface PromelaModel {
  readonly header: readonly string[];
  readonly defines: readonly PromelaDefine[];
  readonly variables: readonly PromelaVariable[];
  /** One option per input: sets the event variables. */
  readonly inputs: readonly (readonly PromelaStatement[])[];
  /** The rest of the atomic step, after the input is chosen. */
  readonly step: readonly PromelaStatement[];
}

/** @internal */
export const promelaTrue: PromelaExpr = { kind: 'number', value: 1 };
/** @internal */
export const promelaFalse: PromelaExpr = { kind: 'number', value: 0 };
