/**
 * Testing helpers for kykypolku paths: fast-check arbitraries of inputs, accepted histories and
 * hostile input. `fast-check` is a peer dependency of this subpath only.
 *
 * @packageDocumentation
 */
export { acceptedHistoryArbitrary, type AcceptedHistoryConstraints } from './acceptedHistoryArbitrary.js';
export { hostileInputArbitrary } from './hostileInputArbitrary.js';
export { inputArbitrary, type InputConstraints } from './inputArbitrary.js';
export { payloadArbitrary } from './payloadArbitrary.js';
export { givenCase, ScenarioError, type CaseScenario, type ScenarioOutcome } from './givenCase.js';
export {
  eventStoreCommands,
  eventStoreModel,
  eventStoreProperty,
  EventStoreModelError,
  type EventStoreCommand,
  type EventStoreCommandsConstraints,
  type EventStoreModel,
} from './eventStoreCommands.js';
