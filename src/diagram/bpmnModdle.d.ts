// The part of bpmn-moddle's API that toBpmn uses. bpmn-moddle ships types for its metamodel
// (`bpmn-moddle/types`) but none for the package entry under NodeNext resolution.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    readonly $type: string;
    readonly id?: string;
    readonly [key: string]: unknown;
    get(name: string): unknown;
    set(name: string, value: unknown): void;
  }
  export class BpmnModdle {
    create(type: string, attributes?: Record<string, unknown>): ModdleElement;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    fromXML(
      xml: string,
      type?: string,
    ): Promise<{ rootElement: ModdleElement; warnings: readonly { message: string }[]; elementsById: Record<string, ModdleElement> }>;
  }
}
