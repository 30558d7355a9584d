import { checkCommand } from './checkCommand.js';
import { consentsCommand } from './consentsCommand.js';
import type { CliCommand } from './command.js';
import { deadlinesCommand } from './deadlinesCommand.js';
import { demoCommand } from './demoCommand.js';
import { diagramCommand } from './diagramCommand.js';
import { docsCommand } from './docsCommand.js';
import { exportCommand } from './exportCommand.js';
import { importCommand } from './importCommand.js';
import { indicatorsCommand } from './indicatorsCommand.js';
import { migrateCheckCommand } from './migrateCheckCommand.js';
import { pathsCommand } from './pathsCommand.js';
import { reportCommand } from './reportCommand.js';
import { retentionCommand } from './retentionCommand.js';
import { schemasCommand } from './schemasCommand.js';
import { validateCommand } from './validateCommand.js';

/** Every `kykypolku` command, in the order the usage lists them. @internal */
export const commands: readonly CliCommand[] = [
  demoCommand,
  checkCommand,
  pathsCommand,
  schemasCommand,
  validateCommand,
  importCommand,
  exportCommand,
  migrateCheckCommand,
  deadlinesCommand,
  retentionCommand,
  consentsCommand,
  diagramCommand,
  reportCommand,
  indicatorsCommand,
  docsCommand,
];
